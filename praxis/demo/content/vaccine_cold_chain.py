# ruff: noqa: E501 — lesson prose keeps each paragraph on one line, so Markdown never breaks CJK text.
"""Keeping vaccines safe in the cold chain, in the six UN languages."""

from decimal import Decimal

from praxis.demo.outline import CourseText, Theme

THEME = Theme(
    key="vaccine-cold-chain",
    level="introductory",
    hours=Decimal("3"),
    topics=("immunization", "primary-health-care"),
    organisations=("pacific-immunization", "highveld-cold-chain"),
)

THEME.courses["en"] = CourseText(
    title="Vaccine cold chain and safe handling",
    summary="A vaccine that got too warm or froze may look normal but no longer protect. Learn to keep vaccines between +2 °C and +8 °C from the store to the child's arm, and to spot a vaccine that must not be used.",
    objectives=(
        "Describe the links of the cold chain and who is responsible for each",
        "Monitor and record refrigerator temperatures and act on an alarm",
        "Read a vaccine vial monitor and perform the shake test",
        "Pack a cold box for an outreach session and apply the multi-dose vial policy",
    ),
    outline="""
# Keeping vaccines cold
## The cold chain from factory to arm
The cold chain is the set of people, equipment and procedures that keep vaccines at the right temperature from the manufacturer to the moment of vaccination. Most vaccines must stay between **+2 °C and +8 °C**.

Heat slowly destroys vaccines, and the damage adds up: a few hours in the sun today and a warm refrigerator next week can together make a vaccine useless. Freezing is often worse, because many vaccines are destroyed at once when frozen.

Every link matters: the national store, the district store, the health facility refrigerator and the cold box carried to a village.
::: video https://video.praxis-demo.example/vaccine-cold-chain/en/from-factory-to-arm
We follow one box of vaccines from the national store to a village clinic. At each step a health worker checks the thermometer, writes down the temperature and signs the record. At the clinic the nurse places the vaccines in the middle of the refrigerator, away from the freezer compartment.
:::

## Monitoring the temperature
Read the refrigerator thermometer **twice a day**, at the start and end of the working day, and write the value on the temperature chart, also at weekends if someone is on duty.

### When the temperature is out of range
- Above +8 °C: check that the door is closed and the power is on, move vaccines to a working refrigerator or cold box, and report to your supervisor.
- Below +2 °C: suspect freezing and perform the shake test on freeze-sensitive vaccines before using them.
- Never discard or use affected vaccines without recording the event.

Keep the refrigerator for vaccines only: no food, drinks or specimens.

# Handling vaccines at the session
## Vaccine vial monitors and the shake test
A vaccine vial monitor (VVM) is a small heat-sensitive label on the vial. Its inner square darkens with cumulative heat exposure.

- **Inner square lighter than the outer circle**: the vaccine may be used, if it is not expired.
- **Inner square the same colour as or darker than the circle**: do not use; discard and report.

### The shake test
Freeze-sensitive vaccines such as those containing tetanus toxoid or hepatitis B can be checked for freezing damage. Shake the suspect vial together with a vial of the same vaccine that you froze on purpose, and let both stand. If the suspect vial settles as slowly as a never-frozen vial, it is usable; if it settles as fast as the frozen one, with sediment at the bottom, it was frozen and must be discarded.

## Outreach sessions and opened vials
For outreach, use a cold box or vaccine carrier with **conditioned ice packs**: leave frozen packs at room temperature until the ice moves inside when shaken, so they do not freeze the vaccines.

### Opened multi-dose vials
- Some liquid vaccines, such as oral polio or hepatitis B vaccine, may be kept for later sessions for up to 28 days if the expiry date has not passed, the VVM is usable, the vial was kept cold and was not contaminated. Always follow your national policy.
- Vaccines reconstituted with diluent, such as measles-rubella, BCG and yellow fever vaccines, must be discarded **six hours after reconstitution** or at the end of the session, whichever comes first.

Write the date and time of opening on every multi-dose vial.
""",
)

THEME.courses["fr"] = CourseText(
    title="Chaîne du froid des vaccins et manipulation sûre",
    summary="Un vaccin qui a chauffé ou gelé peut sembler normal mais ne plus protéger. Apprenez à garder les vaccins entre +2 °C et +8 °C, du dépôt jusqu'au bras de l'enfant, et à repérer un vaccin qui ne doit pas être utilisé.",
    objectives=(
        "Décrire les maillons de la chaîne du froid et les responsables de chacun",
        "Surveiller et noter la température du réfrigérateur et réagir à une alarme",
        "Lire une pastille de contrôle du vaccin et réaliser le test d'agitation",
        "Préparer une glacière pour une séance avancée et appliquer la politique des flacons multidoses",
    ),
    outline="""
# Garder les vaccins au froid
## La chaîne du froid, de l'usine au bras
La chaîne du froid est l'ensemble des personnes, des équipements et des procédures qui maintiennent les vaccins à la bonne température, du fabricant jusqu'à la vaccination. La plupart des vaccins doivent rester entre **+2 °C et +8 °C**.

La chaleur détruit les vaccins lentement et les dommages s'additionnent : quelques heures au soleil aujourd'hui et un réfrigérateur trop chaud la semaine prochaine peuvent ensemble rendre un vaccin inefficace. La congélation est souvent pire, car beaucoup de vaccins sont détruits d'un coup s'ils gèlent.

Chaque maillon compte : le dépôt national, le dépôt de district, le réfrigérateur du centre de santé et la glacière portée jusqu'au village.
::: video https://video.praxis-demo.example/vaccine-cold-chain/fr/from-factory-to-arm
Nous suivons un carton de vaccins du dépôt national jusqu'à un poste de santé de village. À chaque étape, un agent de santé lit le thermomètre, note la température et signe le registre. Au poste de santé, l'infirmière range les vaccins au centre du réfrigérateur, loin du compartiment de congélation.
:::

## Surveiller la température
Lisez le thermomètre du réfrigérateur **deux fois par jour**, au début et à la fin de la journée de travail, et inscrivez la valeur sur la fiche de température, y compris le week-end si quelqu'un est de garde.

### Quand la température sort des limites
- Au-dessus de +8 °C : vérifiez que la porte est fermée et que le courant arrive, transférez les vaccins dans un réfrigérateur qui fonctionne ou une glacière, et prévenez votre responsable.
- En dessous de +2 °C : soupçonnez une congélation et faites le test d'agitation sur les vaccins sensibles au gel avant de les utiliser.
- Ne jetez et n'utilisez jamais des vaccins concernés sans avoir consigné l'incident.

Réservez le réfrigérateur aux vaccins : ni aliments, ni boissons, ni prélèvements.

# Manipuler les vaccins pendant la séance
## Pastilles de contrôle et test d'agitation
La pastille de contrôle du vaccin (PCV) est une petite étiquette sensible à la chaleur collée sur le flacon. Son carré intérieur fonce à mesure que la chaleur s'accumule.

- **Carré intérieur plus clair que le cercle** : le vaccin peut être utilisé s'il n'est pas périmé.
- **Carré de la même couleur que le cercle ou plus foncé** : ne pas utiliser ; jeter et signaler.

### Le test d'agitation
Les vaccins sensibles au gel, comme ceux qui contiennent l'anatoxine tétanique ou le vaccin contre l'hépatite B, peuvent être contrôlés. Agitez le flacon suspect avec un flacon du même vaccin que vous avez congelé volontairement, puis laissez-les reposer. Si le flacon suspect décante aussi lentement qu'un flacon jamais congelé, il est utilisable ; s'il décante aussi vite que le flacon congelé, avec un dépôt au fond, il a gelé et doit être jeté.

## Séances avancées et flacons entamés
Pour les séances avancées, utilisez une glacière ou un porte-vaccins avec des **accumulateurs conditionnés** : laissez les accumulateurs congelés à température ambiante jusqu'à ce que la glace bouge à l'intérieur quand on les secoue, pour qu'ils ne fassent pas geler les vaccins.

### Flacons multidoses entamés
- Certains vaccins liquides, comme le vaccin antipoliomyélitique oral ou le vaccin contre l'hépatite B, peuvent être conservés pour des séances ultérieures pendant 28 jours au plus si la date de péremption n'est pas dépassée, si la PCV le permet, si le flacon est resté au froid et n'a pas été contaminé. Suivez toujours la politique nationale.
- Les vaccins reconstitués avec un diluant, comme les vaccins rougeole-rubéole, BCG et antiamaril, doivent être jetés **six heures après la reconstitution** ou à la fin de la séance, selon ce qui arrive en premier.

Inscrivez la date et l'heure d'ouverture sur chaque flacon multidose.
""",
)

THEME.courses["es"] = CourseText(
    title="Cadena de frío de las vacunas y manejo seguro",
    summary="Una vacuna que se calentó o se congeló puede verse normal pero ya no proteger. Aprenda a mantener las vacunas entre +2 °C y +8 °C desde el almacén hasta el brazo del niño, y a reconocer una vacuna que no debe usarse.",
    objectives=(
        "Describir los eslabones de la cadena de frío y quién es responsable de cada uno",
        "Vigilar y registrar la temperatura del refrigerador y actuar ante una alarma",
        "Leer el monitor de vial de vacuna y realizar la prueba de agitación",
        "Preparar una caja fría para una sesión extramuros y aplicar la política de frascos multidosis",
    ),
    outline="""
# Mantener las vacunas frías
## La cadena de frío, de la fábrica al brazo
La cadena de frío es el conjunto de personas, equipos y procedimientos que mantienen las vacunas a la temperatura correcta desde el fabricante hasta el momento de la vacunación. La mayoría de las vacunas deben permanecer entre **+2 °C y +8 °C**.

El calor destruye las vacunas poco a poco y el daño se acumula: unas horas al sol hoy y un refrigerador caliente la próxima semana pueden, juntos, inutilizar una vacuna. La congelación suele ser peor, porque muchas vacunas se destruyen de inmediato al congelarse.

Cada eslabón cuenta: el almacén nacional, el almacén distrital, el refrigerador del establecimiento y la caja fría que se lleva a la comunidad.
::: video https://video.praxis-demo.example/vaccine-cold-chain/es/from-factory-to-arm
Seguimos una caja de vacunas desde el almacén nacional hasta un puesto de salud rural. En cada paso, un trabajador de salud revisa el termómetro, anota la temperatura y firma el registro. En el puesto, la enfermera coloca las vacunas en el centro del refrigerador, lejos del congelador.
:::

## Vigilar la temperatura
Lea el termómetro del refrigerador **dos veces al día**, al inicio y al final de la jornada, y anote el valor en la hoja de control de temperatura, también los fines de semana si hay personal de turno.

### Cuando la temperatura está fuera de rango
- Por encima de +8 °C: compruebe que la puerta esté cerrada y que haya electricidad, pase las vacunas a un refrigerador que funcione o a una caja fría e informe a su supervisor.
- Por debajo de +2 °C: sospeche congelación y haga la prueba de agitación a las vacunas sensibles al frío antes de usarlas.
- Nunca deseche ni use las vacunas afectadas sin registrar el incidente.

Use el refrigerador solo para vacunas: sin alimentos, bebidas ni muestras.

# Manejo de las vacunas en la sesión
## Monitores de vial y prueba de agitación
El monitor de vial de vacuna (MVV) es una pequeña etiqueta sensible al calor pegada al frasco. Su cuadrado interior se oscurece con la exposición acumulada al calor.

- **Cuadrado interior más claro que el círculo**: la vacuna puede usarse si no está vencida.
- **Cuadrado del mismo color que el círculo o más oscuro**: no la use; deséchela e informe.

### La prueba de agitación
Las vacunas sensibles a la congelación, como las que contienen toxoide tetánico o la vacuna contra la hepatitis B, pueden comprobarse. Agite el frasco sospechoso junto con un frasco de la misma vacuna que usted congeló a propósito y déjelos reposar. Si el frasco sospechoso sedimenta tan despacio como uno nunca congelado, puede usarse; si sedimenta tan rápido como el congelado, con depósito en el fondo, se congeló y debe desecharse.

## Sesiones extramuros y frascos abiertos
Para las sesiones extramuros use una caja fría o un termo porta vacunas con **paquetes fríos acondicionados**: deje los paquetes congelados a temperatura ambiente hasta que el hielo se mueva dentro al agitarlos, para que no congelen las vacunas.

### Frascos multidosis abiertos
- Algunas vacunas líquidas, como la antipoliomielítica oral o la vacuna contra la hepatitis B, pueden guardarse para sesiones posteriores hasta 28 días si no han vencido, si el MVV lo permite, si el frasco se mantuvo frío y no se contaminó. Siga siempre la política nacional.
- Las vacunas reconstituidas con diluyente, como las de sarampión-rubéola, BCG y fiebre amarilla, deben desecharse **seis horas después de la reconstitución** o al final de la sesión, lo que ocurra primero.

Escriba la fecha y la hora de apertura en cada frasco multidosis.
""",
)

THEME.courses["ru"] = CourseText(
    title="Холодовая цепь и безопасное обращение с вакцинами",
    summary="Перегретая или замороженная вакцина может выглядеть как обычно, но больше не защищает. Научитесь сохранять вакцины при температуре от +2 °C до +8 °C на всём пути от склада до прививки и распознавать вакцину, которую нельзя использовать.",
    objectives=(
        "Описать звенья холодовой цепи и ответственных за каждое звено",
        "Контролировать и записывать температуру в холодильнике и действовать при отклонениях",
        "Читать термоиндикатор на флаконе и выполнять тест встряхивания",
        "Укомплектовать термоконтейнер для выездной работы и применять правила для открытых многодозовых флаконов",
    ),
    outline="""
# Как сохранить вакцины холодными
## Холодовая цепь: от завода до прививки
Холодовая цепь — это люди, оборудование и процедуры, которые поддерживают нужную температуру вакцин от производителя до момента вакцинации. Большинство вакцин хранят при температуре **от +2 °C до +8 °C**.

Тепло разрушает вакцины постепенно, и повреждения суммируются: несколько часов на солнце сегодня и тёплый холодильник через неделю вместе могут сделать вакцину бесполезной. Замораживание часто ещё опаснее: многие вакцины теряют активность сразу.

Важно каждое звено: национальный склад, районный склад, холодильник медицинского учреждения и термоконтейнер, который везут в село.
::: video https://video.praxis-demo.example/vaccine-cold-chain/ru/from-factory-to-arm
Мы прослеживаем путь одной коробки вакцин с национального склада до сельского фельдшерского пункта. На каждом этапе медицинский работник проверяет термометр, записывает температуру и расписывается в журнале. В пункте фельдшер ставит вакцины на среднюю полку холодильника, подальше от морозильной камеры.
:::

## Контроль температуры
Проверяйте термометр в холодильнике **два раза в день** — в начале и в конце рабочего дня — и записывайте показания в журнал, в том числе в выходные, если кто-то дежурит.

### Если температура вышла за пределы
- Выше +8 °C: проверьте, закрыта ли дверь и есть ли электричество, переложите вакцины в исправный холодильник или термоконтейнер и сообщите руководителю.
- Ниже +2 °C: заподозрите замораживание и перед использованием проведите тест встряхивания для чувствительных к замораживанию вакцин.
- Не уничтожайте и не используйте такие вакцины, не зарегистрировав происшествие.

Храните в холодильнике только вакцины: никаких продуктов, напитков или биоматериала.

# Работа с вакцинами во время приёма
## Термоиндикаторы и тест встряхивания
Термоиндикатор флакона — небольшая термочувствительная этикетка. Его внутренний квадрат темнеет по мере накопления теплового воздействия.

- **Внутренний квадрат светлее внешнего круга** — вакцину можно использовать, если не истёк срок годности.
- **Квадрат того же цвета, что круг, или темнее** — не использовать; утилизировать и сообщить.

### Тест встряхивания
Вакцины, чувствительные к замораживанию, например содержащие столбнячный анатоксин или вакцину против гепатита B, можно проверить. Встряхните подозрительный флакон вместе с флаконом той же вакцины, который вы специально заморозили, и поставьте оба. Если подозрительный флакон оседает так же медленно, как никогда не замораживавшийся, его можно использовать; если так же быстро, как замороженный, с осадком на дне, — вакцина была заморожена и подлежит уничтожению.

## Выездная работа и открытые флаконы
Для выездной работы используйте термоконтейнер с **подготовленными хладоэлементами**: оставьте замороженные хладоэлементы при комнатной температуре, пока при встряхивании не станет слышно движение льда внутри, чтобы они не заморозили вакцины.

### Открытые многодозовые флаконы
- Некоторые жидкие вакцины, например оральную полиомиелитную или вакцину против гепатита B, можно использовать на следующих приёмах до 28 дней, если не истёк срок годности, термоиндикатор допускает применение, флакон хранился в холоде и не был загрязнён. Всегда следуйте национальным правилам.
- Вакцины, разведённые растворителем, например против кори и краснухи, БЦЖ и против жёлтой лихорадки, уничтожают **через шесть часов после разведения** или в конце приёма, смотря что наступит раньше.

Пишите дату и время вскрытия на каждом многодозовом флаконе.
""",
)

THEME.courses["ar"] = CourseText(
    title="سلسلة التبريد للقاحات والتعامل الآمن معها",
    summary="اللقاح الذي تعرّض للحرارة أو التجمّد قد يبدو طبيعيًا لكنه لم يعد يحمي. تعلّم كيف تحفظ اللقاحات بين +2 و+8 درجات مئوية من المخزن حتى ذراع الطفل، وكيف تكتشف اللقاح الذي لا يجوز استعماله.",
    objectives=(
        "وصف حلقات سلسلة التبريد والمسؤول عن كل منها",
        "مراقبة درجة حرارة الثلاجة وتسجيلها والتصرف عند الإنذار",
        "قراءة مؤشر قارورة اللقاح وإجراء اختبار الرجّ",
        "تجهيز صندوق التبريد لجلسة تطعيم خارجية وتطبيق سياسة القوارير متعددة الجرعات",
    ),
    outline="""
# حفظ اللقاحات باردة
## سلسلة التبريد من المصنع إلى الذراع
سلسلة التبريد هي مجموعة الأشخاص والمعدات والإجراءات التي تحفظ اللقاحات في درجة الحرارة الصحيحة من الشركة المصنّعة حتى لحظة التطعيم. يجب حفظ معظم اللقاحات بين **+2 و+8 درجات مئوية**.

تُتلف الحرارة اللقاحات ببطء ويتراكم الضرر: فبضع ساعات في الشمس اليوم وثلاجة دافئة في الأسبوع القادم قد تجعل اللقاح معًا عديم الفائدة. والتجمّد غالبًا أسوأ، لأن كثيرًا من اللقاحات يتلف فورًا إذا تجمّد.

كل حلقة مهمة: المخزن الوطني، ومخزن المنطقة، وثلاجة المرفق الصحي، وصندوق التبريد الذي يُحمل إلى القرية.
::: video https://video.praxis-demo.example/vaccine-cold-chain/ar/from-factory-to-arm
نتابع صندوقًا واحدًا من اللقاحات من المخزن الوطني إلى عيادة في قرية. في كل مرحلة يفحص عامل صحي مقياس الحرارة ويدوّن القراءة ويوقّع السجل. وفي العيادة تضع الممرضة اللقاحات في وسط الثلاجة بعيدًا عن حجيرة التجميد.
:::

## مراقبة درجة الحرارة
اقرأ مقياس حرارة الثلاجة **مرتين يوميًا**، في بداية يوم العمل ونهايته، ودوّن القراءة في سجل درجات الحرارة، وكذلك في عطلة نهاية الأسبوع إذا كان هناك مناوب.

### عندما تخرج الحرارة عن النطاق
- فوق +8 درجات: تأكد من إغلاق الباب ووجود الكهرباء، وانقل اللقاحات إلى ثلاجة تعمل أو إلى صندوق تبريد، وأبلغ مشرفك.
- تحت +2 درجة: اشتبه في التجمّد وأجرِ اختبار الرجّ على اللقاحات الحساسة للتجمّد قبل استعمالها.
- لا تتخلص من اللقاحات المتأثرة ولا تستعملها قبل تسجيل الحادث.

خصّص الثلاجة للقاحات فقط: لا طعام ولا مشروبات ولا عينات.

# التعامل مع اللقاحات في جلسة التطعيم
## مؤشر قارورة اللقاح واختبار الرجّ
مؤشر قارورة اللقاح ملصق صغير حساس للحرارة على القارورة، يغمق مربعه الداخلي كلما تراكم تعرّضه للحرارة.

- **المربع الداخلي أفتح من الدائرة الخارجية**: يمكن استعمال اللقاح إذا لم تنتهِ صلاحيته.
- **المربع بلون الدائرة نفسه أو أغمق**: لا تستعمله، وتخلّص منه وأبلغ عنه.

### اختبار الرجّ
يمكن فحص اللقاحات الحساسة للتجمّد، مثل اللقاحات المحتوية على ذوفان الكزاز أو لقاح التهاب الكبد B. رُجّ القارورة المشتبه بها مع قارورة من اللقاح نفسه جمّدتها عمدًا، ثم اتركهما. إذا ترسّبت القارورة المشتبه بها ببطء مثل قارورة لم تتجمّد قط فهي صالحة، وإذا ترسّبت بسرعة مثل القارورة المجمّدة مع راسب في القاع فقد تجمّدت ويجب التخلص منها.

## الجلسات الخارجية والقوارير المفتوحة
في جلسات التطعيم الخارجية استخدم صندوق تبريد أو حاملة لقاحات مع **عبوات ثلج مهيّأة**: اترك العبوات المجمّدة في حرارة الغرفة حتى تسمع الثلج يتحرك داخلها عند رجّها، كي لا تجمّد اللقاحات.

### القوارير متعددة الجرعات المفتوحة
- يمكن حفظ بعض اللقاحات السائلة، مثل لقاح شلل الأطفال الفموي أو لقاح التهاب الكبد B، لجلسات لاحقة حتى 28 يومًا إذا لم تنتهِ الصلاحية، وكان المؤشر صالحًا، وحُفظت القارورة باردة ولم تتلوث. اتبع دائمًا السياسة الوطنية.
- يجب التخلص من اللقاحات المحضّرة بمذيب، مثل لقاح الحصبة والحصبة الألمانية ولقاح السل (BCG) ولقاح الحمى الصفراء، **بعد ست ساعات من التحضير** أو في نهاية الجلسة، أيهما أسبق.

اكتب تاريخ الفتح ووقته على كل قارورة متعددة الجرعات.
""",
)

THEME.courses["zh-hans"] = CourseText(
    title="疫苗冷链与安全操作",
    summary="受热或冻结过的疫苗外观可能正常，却已失去保护作用。学习如何让疫苗从仓库到接种全程保持在+2°C至+8°C，并识别不能使用的疫苗。",
    objectives=(
        "描述冷链的各个环节以及各环节的责任人",
        "监测并记录冰箱温度，在温度异常时正确处置",
        "读取疫苗瓶温度监测标签（VVM）并进行振荡试验",
        "为外出接种准备冷藏箱，并执行多剂量疫苗开瓶政策",
    ),
    outline="""
# 让疫苗保持低温
## 从工厂到手臂的冷链
冷链是指从生产企业到接种时刻，使疫苗始终保持适宜温度的人员、设备和程序。大多数疫苗必须保存在**+2°C至+8°C**之间。

高温会逐渐破坏疫苗，而且损害会累积：今天在阳光下放几个小时，下周冰箱又偏热，两者叠加就可能使疫苗失效。冻结往往更糟，因为许多疫苗一旦冻结就会立即失效。

每个环节都很重要：国家级仓库、区县级仓库、医疗机构的冰箱，以及带往村里的冷藏箱。
::: video https://video.praxis-demo.example/vaccine-cold-chain/zh-hans/from-factory-to-arm
我们跟随一箱疫苗从国家级仓库来到一家村卫生室。每一个环节，工作人员都查看温度计、记录温度并在记录表上签字。在卫生室里，护士把疫苗放在冰箱中部，远离冷冻室。
:::

## 温度监测
每天**两次**读取冰箱温度计，分别在上班开始和下班前，并把读数写在温度记录表上；周末如有人值班也要记录。

### 温度超出范围时
- 高于+8°C：检查冰箱门是否关好、电源是否正常，把疫苗转移到正常运行的冰箱或冷藏箱中，并报告主管。
- 低于+2°C：怀疑疫苗冻结，对冻结敏感的疫苗在使用前进行振荡试验。
- 未记录事件之前，不得擅自销毁或使用受影响的疫苗。

冰箱只存放疫苗：不放食物、饮料或标本。

# 接种现场的疫苗操作
## 疫苗瓶温度监测标签与振荡试验
疫苗瓶温度监测标签（VVM）是贴在疫苗瓶上的小型热敏标签，其内部方块会随累积受热而变深。

- **内部方块颜色比外圈浅**：疫苗在有效期内可以使用。
- **内部方块颜色与外圈相同或更深**：不得使用，应销毁并报告。

### 振荡试验
对冻结敏感的疫苗，例如含破伤风类毒素的疫苗或乙肝疫苗，可以进行检查。将可疑疫苗瓶与一瓶特意冻结过的同种疫苗一起用力摇匀，然后静置。如果可疑瓶的沉降速度与从未冻结的疫苗一样慢，可以使用；如果与冻结瓶一样快、瓶底出现沉淀，说明已被冻结，必须销毁。

## 外出接种与已开启的疫苗瓶
外出接种时，使用配有**经过复温处理的冰排**的冷藏箱或疫苗冷藏包：把冻结的冰排放在室温下，直到摇动时能听到里面的冰在晃动，这样冰排就不会把疫苗冻坏。

### 已开启的多剂量疫苗瓶
- 部分液体疫苗，如口服脊灰疫苗或乙肝疫苗，在未过期、VVM显示可用、始终冷藏且未被污染的情况下，开启后最多可在28天内用于后续接种。请始终遵守国家政策。
- 需用稀释液复溶的疫苗，如麻疹风疹疫苗、卡介苗和黄热病疫苗，须在**复溶后六小时**或接种结束时丢弃，以先到者为准。

在每个多剂量疫苗瓶上写明开启的日期和时间。
""",
)

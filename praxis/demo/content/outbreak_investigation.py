# ruff: noqa: E501 — lesson prose keeps each paragraph on one line, so Markdown never breaks CJK text.
"""Investigating an outbreak at district level, in five languages."""

from decimal import Decimal

from praxis.demo.outline import CourseText, Theme

THEME = Theme(
    key="outbreak-investigation",
    level="advanced",
    hours=Decimal("5"),
    topics=("health-emergencies",),
    organisations=("mekong-workforce-studies", "sahel-nursing-midwifery", "nairobi-sph"),
)

THEME.courses["en"] = CourseText(
    title="Outbreak investigation for district health teams",
    summary="A cluster of unusual cases can be the first sign of an outbreak. This course walks district teams through the steps of an investigation, from confirming the outbreak to controlling it and telling people what they need to know.",
    objectives=(
        "Decide whether a rise in cases is an outbreak and verify the diagnosis",
        "Write a case definition and keep a line list",
        "Describe an outbreak by time, place and person and draw an epidemic curve",
        "Put control measures in place early and communicate with the public",
    ),
    outline="""
# Detecting an outbreak
## Is this an outbreak?
An outbreak is more cases of a disease than expected in a given place and time. Signals come from routine surveillance, from a clinician who notices something unusual, from laboratories or from the community.

### First steps
- **Compare** the number of cases with the same weeks in previous years; a change in reporting or a new clinic can create a false rise.
- **Verify the diagnosis**: review the clinical findings, talk to the clinicians and send specimens to the laboratory.
- **Alert** the next level of the health system according to national rules and prepare the team, supplies and transport.

## Case definitions and line lists
A case definition is a set of standard criteria for deciding who counts as a case. It names the **person**, the **place**, the **time** and the clinical and laboratory criteria, often in three levels: *suspected*, *probable* and *confirmed*.

Example: "Any person living in Riverside district with acute watery diarrhoea and vomiting since 1 March."

### The line list
Record each case on one row of a table with the same columns for everyone:

- identifier, age and sex;
- village or address, and occupation;
- date of onset and main symptoms;
- laboratory result and outcome.

Keep searching for more cases in health facilities and in the community, and update the list every day.

# Investigating and responding
## Time, place and person
Describing the outbreak shows who is affected and helps you form hypotheses about its source.

- **Time**: draw an epidemic curve, with the number of cases by date of onset. A sharp peak suggests a common source, such as one contaminated meal; successive waves suggest spread from person to person.
- **Place**: mark cases on a map; clusters around one water point or one market are a strong clue.
- **Person**: compare cases by age, sex, occupation and exposures to find the groups at highest risk.

Test the most likely hypotheses with targeted questions, environmental samples or a simple analytical study.

## Control measures and communication
Do not wait for the investigation to be complete: put control measures in place as soon as you have a reasonable hypothesis. Depending on the disease, they may include treating cases, isolating patients, making water safe, removing a contaminated food, vaccinating or tracing contacts.

### Communicate clearly
- Give the public accurate, practical advice in the local languages, through trusted community voices.
- Brief health workers on the case definition, treatment and protection.
- Write a short report with the findings, the measures taken and recommendations, and keep surveillance going until cases return to the expected level.
""",
)

THEME.courses["fr"] = CourseText(
    title="Investigation d'une épidémie pour les équipes de district",
    summary="Un regroupement de cas inhabituels peut être le premier signe d'une épidémie. Ce cours guide les équipes de district dans les étapes de l'investigation, de la confirmation de l'épidémie jusqu'à sa maîtrise et à l'information de la population.",
    objectives=(
        "Déterminer si une hausse de cas constitue une épidémie et vérifier le diagnostic",
        "Rédiger une définition de cas et tenir une liste linéaire",
        "Décrire une épidémie selon le temps, le lieu et les personnes et tracer une courbe épidémique",
        "Mettre en place tôt les mesures de contrôle et communiquer avec le public",
    ),
    outline="""
# Détecter une épidémie
## S'agit-il d'une épidémie ?
Une épidémie, c'est un nombre de cas d'une maladie supérieur à celui attendu dans un lieu et une période donnés. Les signaux viennent de la surveillance de routine, d'un clinicien qui remarque quelque chose d'inhabituel, des laboratoires ou de la communauté.

### Premières étapes
- **Comparez** le nombre de cas à celui des mêmes semaines des années précédentes ; un changement dans la notification ou l'ouverture d'un centre peut créer une fausse hausse.
- **Vérifiez le diagnostic** : examinez les signes cliniques, parlez aux cliniciens et envoyez des prélèvements au laboratoire.
- **Alertez** le niveau supérieur du système de santé selon les règles nationales et préparez l'équipe, le matériel et le transport.

## Définitions de cas et listes linéaires
Une définition de cas est un ensemble de critères standard pour décider qui compte comme un cas. Elle précise la **personne**, le **lieu**, le **temps** et les critères cliniques et biologiques, souvent en trois niveaux : cas *suspect*, *probable* et *confirmé*.

Exemple : « Toute personne résidant dans le district de Rivière présentant une diarrhée aqueuse aiguë et des vomissements depuis le 1er mars. »

### La liste linéaire
Inscrivez chaque cas sur une ligne d'un tableau ayant les mêmes colonnes pour tous :

- identifiant, âge et sexe ;
- village ou adresse, et profession ;
- date de début et principaux symptômes ;
- résultat de laboratoire et évolution.

Continuez à rechercher des cas dans les formations sanitaires et dans la communauté, et mettez la liste à jour chaque jour.

# Enquêter et riposter
## Le temps, le lieu et les personnes
Décrire l'épidémie montre qui est touché et aide à formuler des hypothèses sur sa source.

- **Temps** : tracez une courbe épidémique, avec le nombre de cas par date de début. Un pic net évoque une source commune, comme un repas contaminé ; des vagues successives évoquent une transmission interhumaine.
- **Lieu** : placez les cas sur une carte ; un regroupement autour d'un point d'eau ou d'un marché est un indice fort.
- **Personnes** : comparez les cas selon l'âge, le sexe, la profession et les expositions pour trouver les groupes les plus à risque.

Testez les hypothèses les plus probables par des questions ciblées, des prélèvements environnementaux ou une étude analytique simple.

## Mesures de contrôle et communication
N'attendez pas la fin de l'enquête : mettez en place les mesures de contrôle dès que vous avez une hypothèse raisonnable. Selon la maladie, il peut s'agir de traiter les cas, d'isoler les malades, de sécuriser l'eau, de retirer un aliment contaminé, de vacciner ou de suivre les contacts.

### Communiquez clairement
- Donnez au public des conseils exacts et pratiques dans les langues locales, par des voix communautaires de confiance.
- Informez les soignants de la définition de cas, du traitement et des mesures de protection.
- Rédigez un court rapport présentant les résultats, les mesures prises et les recommandations, et poursuivez la surveillance jusqu'au retour au niveau attendu.
""",
)

THEME.courses["es"] = CourseText(
    title="Investigación de brotes para equipos de salud distritales",
    summary="Un conglomerado de casos inusuales puede ser la primera señal de un brote. Este curso guía a los equipos distritales por los pasos de la investigación, desde confirmar el brote hasta controlarlo e informar a la población.",
    objectives=(
        "Decidir si un aumento de casos es un brote y verificar el diagnóstico",
        "Redactar una definición de caso y llevar un listado nominal",
        "Describir un brote por tiempo, lugar y persona y trazar una curva epidémica",
        "Aplicar medidas de control a tiempo y comunicarse con la población",
    ),
    outline="""
# Detectar un brote
## ¿Es esto un brote?
Un brote es un número de casos de una enfermedad mayor del esperado en un lugar y un período determinados. Las señales llegan de la vigilancia de rutina, de un clínico que nota algo inusual, de los laboratorios o de la comunidad.

### Primeros pasos
- **Compare** el número de casos con las mismas semanas de años anteriores; un cambio en la notificación o un nuevo centro de salud pueden crear un falso aumento.
- **Verifique el diagnóstico**: revise los hallazgos clínicos, hable con los clínicos y envíe muestras al laboratorio.
- **Alerte** al nivel superior del sistema de salud según las normas nacionales y prepare al equipo, los insumos y el transporte.

## Definiciones de caso y listados nominales
Una definición de caso es un conjunto de criterios estándar para decidir quién cuenta como caso. Especifica la **persona**, el **lugar**, el **tiempo** y los criterios clínicos y de laboratorio, a menudo en tres niveles: caso *sospechoso*, *probable* y *confirmado*.

Ejemplo: «Toda persona residente en el distrito de Ribera con diarrea acuosa aguda y vómitos desde el 1 de marzo».

### El listado nominal
Registre cada caso en una fila de una tabla con las mismas columnas para todos:

- identificador, edad y sexo;
- comunidad o dirección, y ocupación;
- fecha de inicio y síntomas principales;
- resultado de laboratorio y evolución.

Siga buscando casos en los establecimientos y en la comunidad, y actualice el listado cada día.

# Investigar y responder
## Tiempo, lugar y persona
Describir el brote muestra a quién afecta y ayuda a plantear hipótesis sobre su origen.

- **Tiempo**: trace una curva epidémica con el número de casos por fecha de inicio. Un pico agudo sugiere una fuente común, como una comida contaminada; oleadas sucesivas sugieren transmisión de persona a persona.
- **Lugar**: ubique los casos en un mapa; un conglomerado alrededor de una fuente de agua o de un mercado es una pista importante.
- **Persona**: compare los casos por edad, sexo, ocupación y exposiciones para encontrar los grupos de mayor riesgo.

Ponga a prueba las hipótesis más probables con preguntas dirigidas, muestras ambientales o un estudio analítico sencillo.

## Medidas de control y comunicación
No espere a terminar la investigación: aplique medidas de control en cuanto tenga una hipótesis razonable. Según la enfermedad, pueden incluir tratar los casos, aislar a los enfermos, asegurar el agua, retirar un alimento contaminado, vacunar o rastrear contactos.

### Comunique con claridad
- Dé a la población consejos exactos y prácticos en los idiomas locales, a través de voces comunitarias de confianza.
- Informe al personal de salud sobre la definición de caso, el tratamiento y la protección.
- Redacte un informe breve con los hallazgos, las medidas tomadas y las recomendaciones, y mantenga la vigilancia hasta que los casos vuelvan al nivel esperado.
""",
)

THEME.courses["ru"] = CourseText(
    title="Расследование вспышек для районных команд здравоохранения",
    summary="Группа необычных случаев может быть первым признаком вспышки. Курс проводит районные команды через все этапы расследования — от подтверждения вспышки до её локализации и информирования населения.",
    objectives=(
        "Определить, является ли рост числа случаев вспышкой, и подтвердить диагноз",
        "Составить стандартное определение случая и вести поимённый список",
        "Описать вспышку по времени, месту и характеристикам людей и построить эпидемическую кривую",
        "Своевременно вводить противоэпидемические меры и информировать население",
    ),
    outline="""
# Выявление вспышки
## Вспышка ли это?
Вспышка — это число случаев заболевания, превышающее ожидаемое для данного места и времени. Сигналы поступают из системы рутинного надзора, от врача, заметившего что-то необычное, из лабораторий или от населения.

### Первые шаги
- **Сравните** число случаев с теми же неделями прошлых лет: изменение порядка регистрации или открытие нового медпункта может создать ложный рост.
- **Подтвердите диагноз**: изучите клинические данные, поговорите с лечащими врачами и направьте образцы в лабораторию.
- **Оповестите** вышестоящий уровень системы здравоохранения согласно национальным правилам и подготовьте команду, материалы и транспорт.

## Определение случая и поимённый список
Стандартное определение случая — это набор критериев, по которым решают, кого считать случаем. В нём указаны **человек**, **место**, **время**, клинические и лабораторные критерии, часто на трёх уровнях: *подозрительный*, *вероятный* и *подтверждённый* случай.

Пример: «Любой житель Приречного района с острой водянистой диареей и рвотой начиная с 1 марта».

### Поимённый список
Записывайте каждый случай в отдельную строку таблицы с одинаковыми для всех столбцами:

- идентификатор, возраст и пол;
- населённый пункт или адрес, род занятий;
- дата начала болезни и основные симптомы;
- результат лабораторного исследования и исход.

Продолжайте активный поиск случаев в медицинских учреждениях и среди населения и ежедневно обновляйте список.

# Расследование и ответные меры
## Время, место и люди
Описание вспышки показывает, кто заболевает, и помогает выдвинуть гипотезы об источнике.

- **Время**: постройте эпидемическую кривую — число случаев по дате начала болезни. Резкий пик указывает на общий источник, например одно заражённое блюдо; последовательные волны — на передачу от человека к человеку.
- **Место**: нанесите случаи на карту; скопление вокруг одного источника воды или рынка — важная подсказка.
- **Люди**: сравните случаи по возрасту, полу, роду занятий и факторам воздействия, чтобы найти группы наибольшего риска.

Проверяйте наиболее вероятные гипотезы целевыми вопросами, пробами из окружающей среды или простым аналитическим исследованием.

## Противоэпидемические меры и коммуникация
Не ждите завершения расследования: вводите противоэпидемические меры, как только появилась обоснованная гипотеза. В зависимости от болезни это может быть лечение больных, их изоляция, обеспечение безопасной воды, изъятие заражённого продукта, вакцинация или отслеживание контактов.

### Говорите ясно
- Давайте населению точные практические рекомендации на местных языках через людей, которым доверяют в общине.
- Информируйте медицинских работников об определении случая, лечении и мерах защиты.
- Подготовьте краткий отчёт с результатами, принятыми мерами и рекомендациями и продолжайте надзор, пока число случаев не вернётся к ожидаемому уровню.
""",
)

THEME.courses["ar"] = CourseText(
    title="التحقيق في الفاشيات لفرق الصحة في المناطق",
    summary="قد تكون مجموعة من الحالات غير المعتادة أول علامة على فاشية. ترشد هذه الدورة فرق المناطق عبر خطوات التحقيق، من تأكيد الفاشية إلى السيطرة عليها وإبلاغ الناس بما يحتاجون إلى معرفته.",
    objectives=(
        "تحديد ما إذا كانت زيادة الحالات فاشية والتحقق من التشخيص",
        "صياغة تعريف الحالة والاحتفاظ بقائمة خطية بالحالات",
        "وصف الفاشية حسب الزمان والمكان والأشخاص ورسم المنحنى الوبائي",
        "تطبيق تدابير المكافحة مبكرًا والتواصل مع الجمهور",
    ),
    outline="""
# اكتشاف الفاشية
## هل هذه فاشية؟
الفاشية هي عدد من حالات مرض ما يفوق المتوقع في مكان وفترة محددين. تأتي الإشارات من الترصد الروتيني، أو من طبيب يلاحظ أمرًا غير معتاد، أو من المختبرات، أو من المجتمع.

### الخطوات الأولى
- **قارن** عدد الحالات بالأسابيع نفسها في السنوات السابقة، فتغيّر طريقة الإبلاغ أو افتتاح عيادة جديدة قد يصنع زيادة زائفة.
- **تحقق من التشخيص**: راجع المعطيات السريرية وتحدّث مع الأطباء وأرسل العينات إلى المختبر.
- **أبلغ** المستوى الأعلى في النظام الصحي وفق القواعد الوطنية، وجهّز الفريق والمستلزمات ووسائل النقل.

## تعريف الحالة والقائمة الخطية
تعريف الحالة مجموعة معايير موحّدة لتحديد من يُعدّ حالة. وهو يحدد **الشخص** و**المكان** و**الزمان** والمعايير السريرية والمخبرية، وغالبًا على ثلاثة مستويات: حالة *مشتبه بها* و*محتملة* و*مؤكدة*.

مثال: «كل شخص يقيم في منطقة الضفة أصيب بإسهال مائي حاد وقيء منذ 1 آذار/مارس».

### القائمة الخطية
سجّل كل حالة في صف من جدول له الأعمدة نفسها للجميع:

- رقم التعريف والعمر والجنس؛
- القرية أو العنوان، والمهنة؛
- تاريخ بدء المرض والأعراض الرئيسية؛
- نتيجة المختبر ومآل الحالة.

واصل البحث عن حالات جديدة في المرافق الصحية وفي المجتمع، وحدّث القائمة كل يوم.

# التحقيق والاستجابة
## الزمان والمكان والأشخاص
يبيّن وصف الفاشية من المتأثرون، ويساعد على وضع فرضيات حول مصدرها.

- **الزمان**: ارسم منحنى وبائيًا يبيّن عدد الحالات حسب تاريخ بدء المرض. تشير الذروة الحادة إلى مصدر مشترك مثل وجبة ملوثة، وتشير الموجات المتتالية إلى انتقال من شخص إلى آخر.
- **المكان**: ضع الحالات على خريطة، فتجمّعها حول مصدر ماء أو سوق واحد دليل قوي.
- **الأشخاص**: قارن الحالات حسب العمر والجنس والمهنة والتعرّضات لتحديد الفئات الأكثر عرضة للخطر.

اختبر الفرضيات الأرجح بأسئلة موجّهة أو عينات بيئية أو دراسة تحليلية بسيطة.

## تدابير المكافحة والتواصل
لا تنتظر اكتمال التحقيق: طبّق تدابير المكافحة حالما تتكوّن لديك فرضية معقولة. وبحسب المرض قد تشمل علاج الحالات، وعزل المرضى، وتأمين مياه مأمونة، وسحب غذاء ملوث، والتطعيم، أو تتبّع المخالطين.

### تواصل بوضوح
- قدّم للجمهور نصائح دقيقة وعملية باللغات المحلية، عبر أصوات موثوقة في المجتمع.
- أطلع العاملين الصحيين على تعريف الحالة والعلاج وتدابير الوقاية.
- اكتب تقريرًا موجزًا بالنتائج والتدابير المتخذة والتوصيات، وواصل الترصد حتى يعود عدد الحالات إلى المستوى المتوقع.
""",
)

# ruff: noqa: E501 — lesson prose keeps each paragraph on one line, so Markdown never breaks CJK text.
"""Hand hygiene and its five moments, in the six UN languages."""

from decimal import Decimal

from praxis.demo.outline import CourseText, Theme

THEME = Theme(
    key="hand-hygiene",
    level="introductory",
    hours=Decimal("2"),
    topics=("infection-prevention", "primary-health-care"),
    organisations=("baltic-ipc-nurses", "nairobi-sph"),
)

THEME.courses["en"] = CourseText(
    title="Hand hygiene: the five moments in practice",
    summary="Clean hands are the simplest way to stop infections spreading in health care. This course shows when and how to clean your hands, and how to make it a habit for your whole team.",
    objectives=(
        "Explain how germs are carried from one patient to another on the hands of health workers",
        "Name the five moments for hand hygiene and recognise them in daily care",
        "Choose between alcohol-based handrub and soap and water, and use each correctly",
        "Use gloves without letting them replace hand hygiene",
    ),
    outline="""
# Why hand hygiene matters
## How germs travel on hands
Most infections picked up in health facilities are carried on the hands of the people who work there. Hands touch patients, bed rails, charts and phones dozens of times an hour, and each touch can pick up or leave behind bacteria and viruses.

Germs on hands survive for minutes to hours. A nurse who checks a wound, then adjusts a drip on the next bed, can move bacteria between patients in less than a minute.

### What this means for you
- Every hand contact is a possible route for infection.
- Healthy-looking hands can still carry germs.
- Cleaning your hands at the right moment breaks the chain.
::: video https://video.praxis-demo.example/hand-hygiene/en/germs-on-hands
A nurse greets a patient, checks his pulse and then straightens the bedsheet of his neighbour. A fluorescent gel shows where germs were left behind: on the pulse point, the bed rail and the second patient's sheet. The nurse then cleans her hands with handrub and the marks disappear.
:::

## The five moments for hand hygiene
Hand hygiene is needed at five moments that protect both the patient and you:

1. **Before touching a patient**, to protect the patient from germs on your hands.
2. **Before a clean or aseptic procedure**, such as inserting a catheter or preparing an injection.
3. **After a risk of exposure to body fluids**, such as blood, urine or vomit, even if you wore gloves.
4. **After touching a patient**, to protect yourself and the health-care environment.
5. **After touching a patient's surroundings**, such as the bed, the bedside table or the monitor, even if you did not touch the patient.

Think of the area around each patient as their zone. Moving into or out of that zone is the signal to clean your hands.

# Doing it right
## Handrub or handwashing?
Alcohol-based handrub is the first choice for routine hand hygiene. It is faster, kills more germs and is gentler on the skin than soap and water.

### Using handrub
Put a palmful into a cupped hand and rub every surface — palms, backs, between the fingers, thumbs and fingertips — until your hands are dry, which takes 20 to 30 seconds.

### When to use soap and water
- When your hands are visibly dirty or soiled with blood or other body fluids.
- After using the toilet.
- When caring for patients with diarrhoea from spore-forming germs such as *Clostridioides difficile*, because alcohol does not kill spores.

Washing properly takes 40 to 60 seconds. Dry your hands with a single-use towel and use it to turn off the tap.

## Gloves, skin care and building the habit
Gloves protect you from blood and body fluids, but they do not replace hand hygiene. Clean your hands before putting gloves on and again after taking them off, because gloves can have tiny holes and hands are easily contaminated while removing them. Change gloves between patients and never wash or reuse disposable gloves.

Healthy skin is safer skin: cracked skin carries more germs. Use the hand cream provided at work, keep nails short and avoid rings and wristwatches during clinical care.

### Making it a team habit
- Place handrub at the point of care, within arm's reach.
- Observe one another and give friendly feedback.
- Share your ward's compliance figures every month.
""",
)

THEME.courses["fr"] = CourseText(
    title="Hygiène des mains : les cinq indications en pratique",
    summary="Des mains propres sont le moyen le plus simple d'empêcher la propagation des infections dans les soins. Ce cours montre quand et comment se laver les mains, et comment en faire une habitude pour toute l'équipe.",
    objectives=(
        "Expliquer comment les germes passent d'un patient à l'autre par les mains des soignants",
        "Citer les cinq indications de l'hygiène des mains et les reconnaître dans les soins quotidiens",
        "Choisir entre la friction hydro-alcoolique et le lavage à l'eau et au savon, et les réaliser correctement",
        "Utiliser les gants sans qu'ils remplacent l'hygiène des mains",
    ),
    outline="""
# Pourquoi l'hygiène des mains compte
## Comment les germes voyagent sur les mains
La plupart des infections contractées dans les établissements de santé sont transmises par les mains du personnel. Les mains touchent des patients, des barrières de lit, des dossiers et des téléphones des dizaines de fois par heure, et chaque contact peut prendre ou déposer des bactéries et des virus.

Les germes survivent sur les mains de quelques minutes à plusieurs heures. Une infirmière qui examine une plaie puis règle la perfusion du lit voisin peut transporter des bactéries d'un patient à l'autre en moins d'une minute.

### Ce que cela signifie pour vous
- Chaque contact des mains est une voie possible d'infection.
- Des mains d'apparence propre peuvent porter des germes.
- Se désinfecter les mains au bon moment rompt la chaîne de transmission.
::: video https://video.praxis-demo.example/hand-hygiene/fr/germs-on-hands
Une infirmière salue un patient, prend son pouls puis arrange le drap de son voisin. Un gel fluorescent montre où les germes ont été déposés : au poignet, sur la barrière du lit et sur le drap du second patient. L'infirmière se frictionne ensuite les mains avec une solution hydro-alcoolique et les traces disparaissent.
:::

## Les cinq indications de l'hygiène des mains
L'hygiène des mains est nécessaire à cinq moments qui protègent le patient et vous-même :

1. **Avant de toucher un patient**, pour le protéger des germes présents sur vos mains.
2. **Avant un geste propre ou aseptique**, comme la pose d'une sonde ou la préparation d'une injection.
3. **Après un risque d'exposition à des liquides biologiques**, comme le sang, l'urine ou les vomissements, même si vous portiez des gants.
4. **Après avoir touché un patient**, pour vous protéger et protéger l'environnement de soins.
5. **Après avoir touché l'environnement du patient**, comme le lit, la table de chevet ou le moniteur, même sans avoir touché le patient.

Considérez l'espace autour de chaque patient comme sa zone. Entrer dans cette zone ou en sortir est le signal pour vous désinfecter les mains.

# Bien le faire
## Friction ou lavage ?
La friction avec un produit hydro-alcoolique est le premier choix pour l'hygiène des mains courante. Elle est plus rapide, élimine plus de germes et abîme moins la peau que l'eau et le savon.

### La friction hydro-alcoolique
Versez une dose dans le creux de la main et frictionnez toutes les surfaces — paumes, dos des mains, espaces entre les doigts, pouces et bout des doigts — jusqu'à ce que les mains soient sèches, soit 20 à 30 secondes.

### Quand utiliser l'eau et le savon
- Lorsque les mains sont visiblement sales ou souillées par du sang ou d'autres liquides biologiques.
- Après être allé aux toilettes.
- Auprès de patients ayant une diarrhée due à des germes sporulés comme *Clostridioides difficile*, car l'alcool ne détruit pas les spores.

Un lavage correct dure 40 à 60 secondes. Séchez-vous les mains avec un essuie-mains à usage unique et servez-vous-en pour fermer le robinet.

## Gants, soin de la peau et habitudes d'équipe
Les gants vous protègent du sang et des liquides biologiques, mais ils ne remplacent pas l'hygiène des mains. Désinfectez-vous les mains avant de mettre des gants et après les avoir retirés : les gants peuvent avoir de minuscules trous et les mains se contaminent facilement au retrait. Changez de gants entre deux patients et ne lavez ni ne réutilisez jamais des gants jetables.

Une peau saine est une peau plus sûre : une peau crevassée héberge davantage de germes. Utilisez la crème fournie au travail, gardez les ongles courts et ne portez ni bague ni montre pendant les soins.

### En faire une habitude d'équipe
- Placez le produit hydro-alcoolique au point de soins, à portée de main.
- Observez-vous mutuellement et faites des retours bienveillants.
- Partagez chaque mois les taux d'observance de votre service.
""",
)

THEME.courses["es"] = CourseText(
    title="Higiene de manos: los cinco momentos en la práctica",
    summary="Las manos limpias son la forma más sencilla de evitar que las infecciones se propaguen en la atención de salud. Este curso muestra cuándo y cómo limpiarse las manos y cómo convertirlo en un hábito de todo el equipo.",
    objectives=(
        "Explicar cómo los gérmenes pasan de un paciente a otro a través de las manos del personal de salud",
        "Nombrar los cinco momentos para la higiene de manos y reconocerlos en la atención diaria",
        "Elegir entre la fricción con solución alcohólica y el lavado con agua y jabón, y aplicar cada uno correctamente",
        "Usar guantes sin que sustituyan la higiene de manos",
    ),
    outline="""
# Por qué importa la higiene de manos
## Cómo viajan los gérmenes en las manos
La mayoría de las infecciones adquiridas en los establecimientos de salud se transmiten por las manos de quienes trabajan en ellos. Las manos tocan pacientes, barandas de cama, historias clínicas y teléfonos decenas de veces por hora, y cada contacto puede recoger o dejar bacterias y virus.

Los gérmenes sobreviven en las manos desde minutos hasta horas. Una enfermera que revisa una herida y luego ajusta el suero de la cama de al lado puede llevar bacterias de un paciente a otro en menos de un minuto.

### Qué significa para usted
- Cada contacto con las manos es una posible vía de infección.
- Unas manos de aspecto limpio pueden llevar gérmenes.
- Limpiarse las manos en el momento justo rompe la cadena.
::: video https://video.praxis-demo.example/hand-hygiene/es/germs-on-hands
Una enfermera saluda a un paciente, le toma el pulso y después estira la sábana del paciente vecino. Un gel fluorescente muestra dónde quedaron los gérmenes: en la muñeca, en la baranda y en la sábana del segundo paciente. Luego la enfermera se frota las manos con solución alcohólica y las marcas desaparecen.
:::

## Los cinco momentos para la higiene de manos
La higiene de manos es necesaria en cinco momentos que protegen al paciente y a usted:

1. **Antes de tocar al paciente**, para protegerlo de los gérmenes de sus manos.
2. **Antes de una tarea limpia o aséptica**, como colocar una sonda o preparar una inyección.
3. **Después del riesgo de exposición a líquidos corporales**, como sangre, orina o vómito, aunque haya usado guantes.
4. **Después de tocar al paciente**, para protegerse usted y proteger el entorno de atención.
5. **Después del contacto con el entorno del paciente**, como la cama, la mesa de noche o el monitor, aunque no haya tocado al paciente.

Piense en el espacio alrededor de cada paciente como su zona. Entrar en esa zona o salir de ella es la señal para limpiarse las manos.

# Hacerlo bien
## ¿Fricción o lavado?
La fricción con solución alcohólica es la primera opción para la higiene de manos habitual. Es más rápida, elimina más gérmenes y daña menos la piel que el agua y el jabón.

### Cómo usar la solución alcohólica
Deposite una dosis en la palma ahuecada y frote todas las superficies — palmas, dorsos, espacios entre los dedos, pulgares y yemas — hasta que las manos estén secas, lo que lleva de 20 a 30 segundos.

### Cuándo usar agua y jabón
- Cuando las manos estén visiblemente sucias o manchadas de sangre u otros líquidos corporales.
- Después de ir al baño.
- Al atender a pacientes con diarrea por gérmenes que forman esporas, como *Clostridioides difficile*, porque el alcohol no destruye las esporas.

Un lavado correcto dura de 40 a 60 segundos. Séquese con una toalla desechable y úsela para cerrar el grifo.

## Guantes, cuidado de la piel y hábitos de equipo
Los guantes le protegen de la sangre y los líquidos corporales, pero no sustituyen la higiene de manos. Límpiese las manos antes de ponerse los guantes y después de quitárselos: los guantes pueden tener pequeños orificios y las manos se contaminan fácilmente al retirarlos. Cambie de guantes entre pacientes y nunca lave ni reutilice guantes desechables.

Una piel sana es una piel más segura: la piel agrietada alberga más gérmenes. Use la crema de manos que le proporcionen en el trabajo, lleve las uñas cortas y evite anillos y relojes durante la atención clínica.

### Convertirlo en hábito del equipo
- Coloque la solución alcohólica en el punto de atención, al alcance de la mano.
- Obsérvense entre colegas y den retroalimentación amable.
- Compartan cada mes las cifras de cumplimiento del servicio.
""",
)

THEME.courses["ru"] = CourseText(
    title="Гигиена рук: пять моментов на практике",
    summary="Чистые руки — самый простой способ остановить распространение инфекций в медицинских учреждениях. Курс показывает, когда и как обрабатывать руки и как сделать это привычкой всей команды.",
    objectives=(
        "Объяснить, как микроорганизмы переносятся от пациента к пациенту на руках медицинских работников",
        "Назвать пять моментов для гигиены рук и распознавать их в повседневной работе",
        "Выбирать между спиртовым антисептиком и мытьём рук с мылом и правильно выполнять каждый способ",
        "Пользоваться перчатками, не заменяя ими гигиену рук",
    ),
    outline="""
# Почему гигиена рук важна
## Как микробы переносятся на руках
Большинство инфекций, связанных с оказанием медицинской помощи, передаётся через руки персонала. Руки касаются пациентов, поручней кровати, документов и телефонов десятки раз в час, и при каждом касании могут захватить или оставить бактерии и вирусы.

Микроорганизмы выживают на руках от нескольких минут до нескольких часов. Медсестра, осмотревшая рану и затем поправившая капельницу у соседней кровати, может перенести бактерии между пациентами меньше чем за минуту.

### Что это значит для вас
- Каждое касание — возможный путь передачи инфекции.
- Даже чистые на вид руки могут быть заражены.
- Обработка рук в нужный момент разрывает цепочку передачи.
::: video https://video.praxis-demo.example/hand-hygiene/ru/germs-on-hands
Медсестра здоровается с пациентом, измеряет пульс, а затем поправляет простыню соседнего пациента. Флуоресцентный гель показывает, где остались микробы: на запястье, на поручне кровати и на простыне второго пациента. Затем медсестра обрабатывает руки антисептиком, и следы исчезают.
:::

## Пять моментов для гигиены рук
Гигиена рук нужна в пять моментов, которые защищают и пациента, и вас:

1. **Перед контактом с пациентом** — чтобы защитить его от микробов на ваших руках.
2. **Перед чистой или асептической процедурой**, например перед установкой катетера или подготовкой инъекции.
3. **После риска контакта с биологическими жидкостями** — кровью, мочой, рвотными массами, даже если вы были в перчатках.
4. **После контакта с пациентом** — чтобы защитить себя и больничную среду.
5. **После контакта с предметами окружения пациента** — кроватью, тумбочкой, монитором, даже если вы не касались самого пациента.

Представьте пространство вокруг пациента как его зону. Вход в эту зону и выход из неё — сигнал обработать руки.

# Как делать правильно
## Антисептик или мытьё рук?
Спиртовой антисептик — основной способ гигиенической обработки рук. Он действует быстрее, уничтожает больше микробов и бережнее к коже, чем мыло и вода.

### Обработка антисептиком
Налейте полную ладонь средства и втирайте его во все поверхности — ладони, тыльные стороны, межпальцевые промежутки, большие пальцы и кончики пальцев — до полного высыхания, то есть 20–30 секунд.

### Когда мыть руки с мылом
- Если руки видимо загрязнены или испачканы кровью и другими биологическими жидкостями.
- После посещения туалета.
- При уходе за пациентами с диареей, вызванной спорообразующими бактериями, например *Clostridioides difficile*: спирт не убивает споры.

Правильное мытьё рук занимает 40–60 секунд. Вытирайте руки одноразовым полотенцем и закрывайте им кран.

## Перчатки, уход за кожей и привычка команды
Перчатки защищают от крови и биологических жидкостей, но не заменяют гигиену рук. Обрабатывайте руки перед тем, как надеть перчатки, и после того, как их сняли: в перчатках бывают микроскопические проколы, а при снятии руки легко загрязнить. Меняйте перчатки между пациентами и никогда не мойте и не используйте повторно одноразовые перчатки.

Здоровая кожа безопаснее: в трещинах кожи скапливается больше микробов. Пользуйтесь кремом для рук на работе, коротко стригите ногти и не носите кольца и часы во время работы с пациентами.

### Как сделать это привычкой команды
- Размещайте антисептик в месте оказания помощи, на расстоянии вытянутой руки.
- Наблюдайте друг за другом и давайте доброжелательную обратную связь.
- Ежемесячно обсуждайте показатели соблюдения гигиены рук в отделении.
""",
)

THEME.courses["ar"] = CourseText(
    title="نظافة اليدين: اللحظات الخمس في الممارسة",
    summary="اليدان النظيفتان أبسط وسيلة لمنع انتشار العدوى في أماكن الرعاية الصحية. تبيّن هذه الدورة متى وكيف تنظّف يديك، وكيف تجعل ذلك عادة لفريقك كله.",
    objectives=(
        "شرح كيفية انتقال الجراثيم من مريض إلى آخر عبر أيدي العاملين الصحيين",
        "تسمية اللحظات الخمس لنظافة اليدين والتعرف عليها في الرعاية اليومية",
        "الاختيار بين فرك اليدين بالمطهر الكحولي وغسلهما بالماء والصابون وأداء كل منهما بشكل صحيح",
        "استخدام القفازات دون أن تحل محل نظافة اليدين",
    ),
    outline="""
# لماذا تهم نظافة اليدين
## كيف تنتقل الجراثيم على اليدين
تنتقل معظم حالات العدوى المكتسبة في المرافق الصحية عبر أيدي العاملين فيها. تلمس الأيدي المرضى وحواجز الأسرّة والملفات والهواتف عشرات المرات في الساعة، وقد تلتقط كل لمسة بكتيريا وفيروسات أو تتركها.

تبقى الجراثيم حية على اليدين من دقائق إلى ساعات. فالممرضة التي تفحص جرحًا ثم تضبط المحلول الوريدي للسرير المجاور قد تنقل البكتيريا بين المريضين في أقل من دقيقة.

### ماذا يعني ذلك لك
- كل لمسة باليد طريق محتمل للعدوى.
- قد تحمل اليدان الجراثيم حتى لو بدتا نظيفتين.
- تنظيف اليدين في اللحظة المناسبة يقطع سلسلة العدوى.
::: video https://video.praxis-demo.example/hand-hygiene/ar/germs-on-hands
تحيّي ممرضة مريضًا وتقيس نبضه ثم تعدّل ملاءة المريض المجاور. يُظهر هلام فلوري أين تُركت الجراثيم: على معصم المريض وحاجز السرير وملاءة المريض الثاني. ثم تفرك الممرضة يديها بالمطهر الكحولي فتختفي الآثار.
:::

## اللحظات الخمس لنظافة اليدين
نظافة اليدين ضرورية في خمس لحظات تحمي المريض وتحميك:

1. **قبل لمس المريض**، لحمايته من الجراثيم التي على يديك.
2. **قبل أي إجراء نظيف أو معقّم**، مثل تركيب قسطرة أو تحضير حقنة.
3. **بعد التعرض لخطر سوائل الجسم**، مثل الدم أو البول أو القيء، حتى لو كنت ترتدي القفازات.
4. **بعد لمس المريض**، لحماية نفسك وبيئة الرعاية الصحية.
5. **بعد لمس محيط المريض**، مثل السرير أو الطاولة الجانبية أو جهاز المراقبة، حتى لو لم تلمس المريض نفسه.

فكّر في المساحة المحيطة بكل مريض على أنها منطقته. الدخول إلى هذه المنطقة أو الخروج منها هو إشارة لتنظيف يديك.

# الأداء الصحيح
## الفرك بالمطهر أم الغسل؟
فرك اليدين بالمطهر الكحولي هو الخيار الأول لنظافة اليدين الروتينية، فهو أسرع ويقتل جراثيم أكثر وألطف على الجلد من الماء والصابون.

### طريقة استخدام المطهر الكحولي
ضع ملء راحة اليد من المطهر وافرك جميع الأسطح — راحتي اليدين وظهريهما وما بين الأصابع والإبهامين وأطراف الأصابع — حتى تجف اليدان، ويستغرق ذلك من 20 إلى 30 ثانية.

### متى تستخدم الماء والصابون
- عندما تكون اليدان متسختين بشكل ظاهر أو ملوثتين بالدم أو سوائل الجسم الأخرى.
- بعد استخدام المرحاض.
- عند رعاية مرضى الإسهال الناتج عن جراثيم مكوِّنة للأبواغ مثل *Clostridioides difficile*، لأن الكحول لا يقتل الأبواغ.

يستغرق الغسل الصحيح من 40 إلى 60 ثانية. جفف يديك بمنشفة تُستخدم مرة واحدة واستعملها لإغلاق الصنبور.

## القفازات والعناية بالجلد وبناء العادة
تحميك القفازات من الدم وسوائل الجسم، لكنها لا تغني عن نظافة اليدين. نظّف يديك قبل ارتداء القفازات وبعد خلعها، فقد تحتوي القفازات على ثقوب دقيقة وتتلوث اليدان بسهولة أثناء خلعها. غيّر القفازات بين مريض وآخر، ولا تغسل القفازات المخصصة للاستعمال مرة واحدة ولا تُعِد استخدامها.

الجلد السليم أكثر أمانًا، فالجلد المتشقق يحمل جراثيم أكثر. استخدم كريم اليدين المتوفر في العمل، وحافظ على أظافر قصيرة، وتجنب الخواتم والساعات أثناء الرعاية السريرية.

### اجعلها عادة للفريق
- ضع المطهر الكحولي في مكان تقديم الرعاية وفي متناول اليد.
- راقبوا بعضكم بعضًا وقدموا ملاحظات ودية.
- شاركوا نسب الالتزام في القسم كل شهر.
""",
)

THEME.courses["zh-hans"] = CourseText(
    title="手卫生：五个时刻的实践",
    summary="清洁的双手是阻止感染在医疗机构中传播的最简单方法。本课程介绍何时以及如何进行手卫生，并帮助整个团队养成习惯。",
    objectives=(
        "解释病原体如何通过医务人员的双手在患者之间传播",
        "说出手卫生的五个时刻，并在日常护理中识别它们",
        "在含酒精手消毒剂和肥皂流动水洗手之间作出选择，并正确操作",
        "正确使用手套，不以手套代替手卫生",
    ),
    outline="""
# 手卫生为何重要
## 病原体如何随手传播
在医疗机构中获得的感染，大多数是通过工作人员的双手传播的。双手每小时要接触患者、床栏、病历和手机数十次，每一次接触都可能沾上或留下细菌和病毒。

病原体可以在手上存活几分钟到几个小时。一名护士检查完伤口后，接着调整邻床的输液，就可能在不到一分钟内把细菌从一位患者带给另一位患者。

### 这对你意味着什么
- 每一次手部接触都可能成为感染途径。
- 看起来干净的手也可能带有病原体。
- 在正确的时刻清洁双手，就能切断传播链。
::: video https://video.praxis-demo.example/hand-hygiene/zh-hans/germs-on-hands
一名护士向患者问好，为他测量脉搏，然后整理邻床患者的床单。荧光凝胶显示出病原体留下的位置：患者的手腕、床栏和第二位患者的床单。随后护士用手消毒剂揉搓双手，痕迹随之消失。
:::

## 手卫生的五个时刻
在以下五个时刻需要进行手卫生，以同时保护患者和你自己：

1. **接触患者前**：保护患者免受你手上病原体的侵害。
2. **进行清洁或无菌操作前**：例如置入导管或配制注射药物。
3. **接触体液风险后**：例如接触血液、尿液或呕吐物之后，即使戴了手套也要进行。
4. **接触患者后**：保护你自己和医疗环境。
5. **接触患者周围环境后**：例如病床、床头柜或监护仪，即使没有接触患者本人。

把每位患者周围的空间看作患者区域。进入或离开这个区域，就是进行手卫生的信号。

# 正确操作
## 手消毒还是洗手？
含酒精的手消毒剂是日常手卫生的首选。与肥皂和水相比，它更快、杀灭的病原体更多，对皮肤的刺激也更小。

### 如何使用手消毒剂
取一掌心量的消毒剂，揉搓双手所有表面——手掌、手背、指缝、拇指和指尖——直到双手干燥，约需20至30秒。

### 何时用肥皂和流动水洗手
- 双手有肉眼可见的污物，或沾有血液及其他体液时。
- 如厕后。
- 护理由产芽孢病原体（如艰难梭菌）引起腹泻的患者时，因为酒精不能杀灭芽孢。

正确洗手需要40至60秒。用一次性纸巾擦干双手，并用纸巾关闭水龙头。

## 手套、皮肤护理与养成习惯
手套可以保护你免受血液和体液的污染，但不能代替手卫生。戴手套前和脱手套后都要进行手卫生，因为手套可能有微小破损，脱手套时双手也很容易被污染。接触不同患者时要更换手套，一次性手套绝不能清洗或重复使用。

健康的皮肤更安全：皲裂的皮肤会藏匿更多病原体。请使用单位提供的护手霜，保持指甲短而整洁，临床工作时不要佩戴戒指和手表。

### 让手卫生成为团队习惯
- 把手消毒剂放在诊疗点，伸手可及。
- 同事之间互相观察，给予友善的反馈。
- 每月分享本科室的手卫生依从率。
""",
)

# ruff: noqa: E501 — lesson prose keeps each paragraph on one line, so Markdown never breaks CJK text.
"""Safe childbirth with a checklist at four pause points, in five languages."""

from decimal import Decimal

from praxis.demo.outline import CourseText, Theme

THEME = Theme(
    key="safe-childbirth",
    level="intermediate",
    hours=Decimal("3"),
    topics=("maternal-newborn-health",),
    organisations=("nile-delta-maternal-health", "sahel-nursing-midwifery"),
)

THEME.courses["en"] = CourseText(
    title="Safe childbirth: using a checklist at every birth",
    summary="Most deaths of mothers and newborns around birth can be prevented with simple, well-known practices. A checklist at four pause points helps birth attendants carry them out every time, even on the busiest shift.",
    objectives=(
        "Name the four pause points of a safe childbirth checklist",
        "Identify on admission the women who need referral or urgent treatment",
        "Prepare for birth and give oxytocin and newborn care at the right time",
        "Teach mothers and families the danger signs before discharge",
    ),
    outline="""
# Before the birth
## The checklist and its pause points
A safe childbirth checklist is a short list of essential practices, read at four moments when the birth attendant stops for a few seconds to check that nothing has been missed:

1. **On admission** of the woman in labour.
2. **Just before pushing**, or before a caesarean section.
3. **Soon after birth**, within one hour.
4. **Before discharge** of mother and baby.

The checklist does not replace clinical judgement. It is a memory aid that makes good care routine, and it works best when the whole team uses it and supervisors support it.

## On admission: spotting danger early
At admission, check whether the woman needs to be referred to a higher level of care, and start monitoring labour on a partograph or labour care guide.

### Act at once if you find
- **Fever of 38 °C or more**, or other signs of infection: give antibiotics as your protocol says.
- **Severe pre-eclampsia** – for example a systolic blood pressure of 160 mmHg or more with protein in the urine: give magnesium sulfate and an antihypertensive.
- Signs of obstructed labour or heavy bleeding: stabilise and refer.

Encourage the woman to have a companion of her choice with her during labour and birth.

# Birth and after
## Just before pushing and soon after birth
Before the woman starts pushing, make sure that everything is within reach: for the mother, gloves, soap, and **oxytocin drawn up in a syringe**; for the baby, clean towels, a cord tie, scissors and a **bag and mask** for resuscitation. Identify an assistant who can help if needed.

Within one minute of birth, give the mother **10 IU of oxytocin** by intramuscular injection to prevent heavy bleeding, and keep checking her bleeding.

### For the baby
- Dry the baby thoroughly and place them skin to skin on the mother's chest.
- If the baby is not breathing after drying and stimulation, start bag-and-mask ventilation within the first minute.
- Help the mother begin breastfeeding within the first hour.

## Before discharge: danger signs
Before mother and baby go home, check that the mother's bleeding is controlled, her blood pressure is normal and the baby is feeding well. Offer family planning counselling.

### Teach the family to return at once if
- the mother has heavy bleeding, severe headache, fits, fever or difficulty breathing;
- the baby feeds poorly, is cold or hot to the touch, breathes fast, has convulsions or turns yellow in the first day.

Agree on a follow-up visit and make sure the family knows how to reach the health facility day and night.
""",
)

THEME.courses["fr"] = CourseText(
    title="Accouchement sans risque : une liste de contrôle à chaque naissance",
    summary="La plupart des décès de mères et de nouveau-nés autour de la naissance peuvent être évités par des pratiques simples et connues. Une liste de contrôle à quatre moments clés aide les accoucheurs à les appliquer à chaque fois, même lors des gardes les plus chargées.",
    objectives=(
        "Citer les quatre moments clés de la liste de contrôle pour un accouchement sans risque",
        "Repérer à l'admission les femmes qui doivent être transférées ou traitées en urgence",
        "Préparer la naissance et administrer l'ocytocine et les soins au nouveau-né au bon moment",
        "Enseigner aux mères et aux familles les signes de danger avant la sortie",
    ),
    outline="""
# Avant la naissance
## La liste de contrôle et ses moments clés
La liste de contrôle pour un accouchement sans risque est une courte liste de pratiques essentielles, lue à quatre moments où l'accoucheur s'arrête quelques secondes pour vérifier que rien n'a été oublié :

1. **À l'admission** de la femme en travail.
2. **Juste avant les efforts expulsifs**, ou avant une césarienne.
3. **Peu après la naissance**, dans l'heure qui suit.
4. **Avant la sortie** de la mère et du bébé.

La liste ne remplace pas le jugement clinique. C'est un aide-mémoire qui fait des bons soins une routine, et elle fonctionne le mieux quand toute l'équipe l'utilise et que l'encadrement la soutient.

## À l'admission : repérer le danger tôt
À l'admission, vérifiez si la femme doit être transférée vers un niveau de soins supérieur et commencez la surveillance du travail sur un partogramme ou un guide de soins du travail.

### Agissez immédiatement si vous constatez
- **Une fièvre de 38 °C ou plus** ou d'autres signes d'infection : donnez des antibiotiques selon votre protocole.
- **Une pré-éclampsie sévère** – par exemple une pression systolique de 160 mmHg ou plus avec une protéinurie : donnez du sulfate de magnésium et un antihypertenseur.
- Des signes de travail dystocique ou une hémorragie importante : stabilisez et transférez.

Encouragez la femme à être accompagnée de la personne de son choix pendant le travail et l'accouchement.

# La naissance et après
## Juste avant l'expulsion et peu après la naissance
Avant que la femme ne commence à pousser, vérifiez que tout est à portée de main : pour la mère, des gants, du savon et **de l'ocytocine préparée dans une seringue** ; pour le bébé, des linges propres, un lien pour le cordon, des ciseaux et **un ballon et un masque** de réanimation. Désignez une personne qui pourra aider si nécessaire.

Dans la minute qui suit la naissance, administrez à la mère **10 UI d'ocytocine** par voie intramusculaire pour prévenir l'hémorragie, et continuez à surveiller ses saignements.

### Pour le bébé
- Séchez soigneusement le bébé et placez-le peau à peau sur la poitrine de sa mère.
- S'il ne respire pas après séchage et stimulation, commencez la ventilation au ballon et au masque dans la première minute.
- Aidez la mère à commencer l'allaitement dans la première heure.

## Avant la sortie : les signes de danger
Avant le retour à la maison, vérifiez que les saignements de la mère sont maîtrisés, que sa tension est normale et que le bébé tète bien. Proposez un conseil en planification familiale.

### Apprenez à la famille à revenir immédiatement si
- la mère saigne abondamment, a de violents maux de tête, des convulsions, de la fièvre ou du mal à respirer ;
- le bébé tète mal, est froid ou chaud au toucher, respire vite, a des convulsions ou devient jaune dès le premier jour.

Convenez d'une visite de suivi et assurez-vous que la famille sait joindre le centre de santé de jour comme de nuit.
""",
)

THEME.courses["es"] = CourseText(
    title="Parto seguro: una lista de verificación en cada nacimiento",
    summary="La mayoría de las muertes de madres y recién nacidos en torno al parto se pueden prevenir con prácticas sencillas y conocidas. Una lista de verificación en cuatro momentos de pausa ayuda al personal a aplicarlas siempre, incluso en los turnos más cargados.",
    objectives=(
        "Nombrar los cuatro momentos de pausa de la lista de verificación del parto seguro",
        "Identificar al ingreso a las mujeres que necesitan traslado o tratamiento urgente",
        "Prepararse para el parto y administrar oxitocina y cuidados al recién nacido a tiempo",
        "Enseñar a madres y familias los signos de alarma antes del alta",
    ),
    outline="""
# Antes del nacimiento
## La lista de verificación y sus pausas
La lista de verificación para un parto seguro es una lista breve de prácticas esenciales que se revisa en cuatro momentos en los que el personal se detiene unos segundos para comprobar que no se ha olvidado nada:

1. **Al ingreso** de la mujer en trabajo de parto.
2. **Justo antes del expulsivo**, o antes de una cesárea.
3. **Poco después del nacimiento**, dentro de la primera hora.
4. **Antes del alta** de la madre y el bebé.

La lista no sustituye el juicio clínico. Es una ayuda de memoria que convierte la buena atención en rutina, y funciona mejor cuando todo el equipo la usa y los supervisores la respaldan.

## Al ingreso: detectar el peligro a tiempo
Al ingreso, compruebe si la mujer debe ser trasladada a un nivel de atención superior y empiece a vigilar el trabajo de parto con un partograma o una guía de atención del trabajo de parto.

### Actúe de inmediato si encuentra
- **Fiebre de 38 °C o más** u otros signos de infección: administre antibióticos según su protocolo.
- **Preeclampsia grave** – por ejemplo, presión sistólica de 160 mmHg o más con proteínas en la orina: administre sulfato de magnesio y un antihipertensivo.
- Signos de parto obstruido o hemorragia abundante: estabilice y traslade.

Anime a la mujer a tener un acompañante de su elección durante el trabajo de parto y el parto.

# El parto y después
## Justo antes del expulsivo y poco después del nacimiento
Antes de que la mujer empiece a pujar, asegúrese de tener todo al alcance: para la madre, guantes, jabón y **oxitocina cargada en una jeringa**; para el bebé, toallas limpias, una ligadura para el cordón, tijeras y **una bolsa y mascarilla** de reanimación. Identifique a un asistente que pueda ayudar si es necesario.

En el primer minuto tras el nacimiento, administre a la madre **10 UI de oxitocina** por vía intramuscular para prevenir la hemorragia, y siga vigilando el sangrado.

### Para el bebé
- Seque bien al bebé y colóquelo piel con piel sobre el pecho de la madre.
- Si no respira tras secarlo y estimularlo, inicie la ventilación con bolsa y mascarilla en el primer minuto.
- Ayude a la madre a comenzar la lactancia en la primera hora.

## Antes del alta: signos de alarma
Antes de que madre y bebé vuelvan a casa, compruebe que el sangrado de la madre está controlado, que su presión es normal y que el bebé se alimenta bien. Ofrezca orientación sobre planificación familiar.

### Enseñe a la familia a volver de inmediato si
- la madre tiene sangrado abundante, dolor de cabeza intenso, convulsiones, fiebre o dificultad para respirar;
- el bebé se alimenta mal, está frío o caliente al tacto, respira rápido, tiene convulsiones o se pone amarillo el primer día.

Acuerden una visita de control y asegúrese de que la familia sepa cómo comunicarse con el establecimiento de día y de noche.
""",
)

THEME.courses["ar"] = CourseText(
    title="الولادة الآمنة: قائمة تحقق عند كل ولادة",
    summary="يمكن تجنّب معظم وفيات الأمهات والمواليد حول الولادة بممارسات بسيطة ومعروفة. تساعد قائمة التحقق في أربع محطات توقف القابلات ومقدمي الرعاية على تطبيقها في كل مرة، حتى في أكثر المناوبات ازدحامًا.",
    objectives=(
        "تسمية محطات التوقف الأربع في قائمة التحقق للولادة الآمنة",
        "التعرّف عند الدخول على النساء اللواتي يحتجن إلى إحالة أو علاج عاجل",
        "التحضير للولادة وإعطاء الأوكسيتوسين ورعاية المولود في الوقت المناسب",
        "تعليم الأمهات والأسر علامات الخطر قبل الخروج",
    ),
    outline="""
# قبل الولادة
## قائمة التحقق ومحطات التوقف
قائمة التحقق للولادة الآمنة قائمة قصيرة بالممارسات الأساسية، تُقرأ في أربع لحظات يتوقف فيها مقدم الرعاية بضع ثوانٍ ليتأكد أنه لم يُغفل شيئًا:

1. **عند دخول** المرأة في المخاض.
2. **قبل الدفع مباشرة**، أو قبل العملية القيصرية.
3. **بعد الولادة بوقت قصير**، خلال ساعة واحدة.
4. **قبل خروج** الأم والمولود.

لا تحل قائمة التحقق محل التقدير السريري، بل هي أداة تذكير تجعل الرعاية الجيدة أمرًا روتينيًا، وتعمل على أفضل وجه عندما يستخدمها الفريق كله ويدعمها المشرفون.

## عند الدخول: اكتشاف الخطر مبكرًا
عند الدخول تحقّق مما إذا كانت المرأة تحتاج إلى إحالة إلى مستوى رعاية أعلى، وابدأ مراقبة المخاض على مخطط المخاض أو دليل رعاية المخاض.

### تصرّف فورًا إذا وجدت
- **حمى 38 درجة مئوية أو أكثر** أو علامات عدوى أخرى: أعطِ المضادات الحيوية وفق البروتوكول المتّبع.
- **مقدمات الارتعاج الشديدة** – مثل ضغط انقباضي 160 ملم زئبق أو أكثر مع بروتين في البول: أعطِ كبريتات المغنيسيوم ودواءً خافضًا للضغط.
- علامات تعسّر المخاض أو نزيفًا غزيرًا: ثبّت الحالة وأحِلها.

شجّع المرأة على أن يرافقها شخص من اختيارها أثناء المخاض والولادة.

# الولادة وما بعدها
## قبل الدفع مباشرة وبعد الولادة بقليل
قبل أن تبدأ المرأة الدفع تأكد أن كل شيء في متناول اليد: للأم القفازات والصابون و**الأوكسيتوسين محضّرًا في حقنة**؛ وللمولود مناشف نظيفة ورباط للحبل السري ومقص و**كيس وقناع** للإنعاش. حدّد مساعدًا يمكنه المساعدة عند الحاجة.

خلال دقيقة واحدة من الولادة أعطِ الأم **10 وحدات دولية من الأوكسيتوسين** بالحقن العضلي للوقاية من النزيف، وواصل مراقبة النزيف.

### للمولود
- جفّف المولود جيدًا وضعه ملامسًا جلد أمه على صدرها.
- إذا لم يتنفس بعد التجفيف والتحفيز فابدأ التهوية بالكيس والقناع خلال الدقيقة الأولى.
- ساعد الأم على بدء الرضاعة الطبيعية خلال الساعة الأولى.

## قبل الخروج: علامات الخطر
قبل عودة الأم والمولود إلى البيت تأكد أن نزيف الأم تحت السيطرة وضغطها طبيعي وأن المولود يرضع جيدًا. قدّم المشورة بشأن تنظيم الأسرة.

### علّم الأسرة العودة فورًا إذا
- أصيبت الأم بنزيف غزير أو صداع شديد أو نوبات تشنج أو حمى أو صعوبة في التنفس؛
- رضع المولود بصعوبة، أو كان باردًا أو ساخنًا عند اللمس، أو تنفس بسرعة، أو أصيب بتشنجات، أو اصفرّ في اليوم الأول.

اتفقوا على زيارة متابعة، وتأكد أن الأسرة تعرف كيف تصل إلى المرفق الصحي ليلًا ونهارًا.
""",
)

THEME.courses["zh-hans"] = CourseText(
    title="安全分娩：每次分娩都使用核查表",
    summary="分娩前后的大多数孕产妇和新生儿死亡，都可以通过简单而成熟的做法加以预防。在四个暂停核查点使用核查表，能帮助助产人员在最繁忙的班次也做到每次都不遗漏。",
    objectives=(
        "说出安全分娩核查表的四个暂停核查点",
        "在入院时识别需要转诊或紧急处理的产妇",
        "做好分娩准备，并在正确时间给予缩宫素和新生儿护理",
        "在出院前向产妇和家属讲解危险征象",
    ),
    outline="""
# 分娩之前
## 核查表及其暂停核查点
安全分娩核查表是一份简短的基本做法清单。助产人员在四个时刻停下几秒钟，逐项核对，确保没有遗漏：

1. 临产妇女**入院时**。
2. **即将用力分娩前**，或剖宫产前。
3. **分娩后不久**，即产后一小时内。
4. 母婴**出院前**。

核查表不能代替临床判断。它是一种记忆辅助工具，让规范的护理成为常规；当整个团队都使用、管理者也给予支持时，效果最好。

## 入院时：及早发现危险
入院时，判断产妇是否需要转诊到更高级别的医疗机构，并开始用产程图或产程护理指南监测产程。

### 发现以下情况立即处理
- **体温38°C及以上**或有其他感染征象：按规程使用抗生素。
- **重度子痫前期**——例如收缩压达到160毫米汞柱及以上并伴有蛋白尿：给予硫酸镁和降压药。
- 有产程梗阻或大出血征象：稳定病情并转诊。

鼓励产妇在分娩过程中由她自己选择的陪伴者陪同。

# 分娩及产后
## 即将用力前与分娩后不久
在产妇开始用力前，确保所需物品触手可及：产妇方面有手套、肥皂和**已抽入注射器的缩宫素**；新生儿方面有干净毛巾、脐带结扎线、剪刀以及用于复苏的**复苏囊和面罩**。指定一名必要时可以协助的助手。

胎儿娩出后一分钟内，给产妇肌内注射**10国际单位缩宫素**以预防产后出血，并持续观察出血情况。

### 新生儿护理
- 彻底擦干新生儿，让其趴在母亲胸前进行皮肤接触。
- 擦干和刺激后仍无呼吸，应在第一分钟内开始复苏囊面罩通气。
- 帮助母亲在产后一小时内开始母乳喂养。

## 出院前：危险征象
母婴回家前，确认产妇出血已得到控制、血压正常，新生儿吃奶良好。提供计划生育咨询。

### 告知家属出现以下情况须立即返院
- 产妇大量出血、剧烈头痛、抽搐、发热或呼吸困难；
- 新生儿吃奶差、摸起来发凉或发烫、呼吸急促、抽搐，或在出生第一天就出现黄疸。

约定随访时间，并确保家属知道如何在白天和夜间联系医疗机构。
""",
)

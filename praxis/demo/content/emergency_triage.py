# ruff: noqa: E501 — lesson prose keeps each paragraph on one line, so Markdown never breaks CJK text.
"""Emergency triage: sorting patients by urgency, in the six UN languages."""

from decimal import Decimal

from praxis.demo.outline import CourseText, Theme

THEME = Theme(
    key="emergency-triage",
    level="intermediate",
    hours=Decimal("4"),
    topics=("emergency-care", "health-emergencies"),
    organisations=("caribbean-emergency-care", "volga-emergency-training"),
)

THEME.courses["en"] = CourseText(
    title="Emergency triage: who needs care first",
    summary="When many patients arrive at once, the sickest must be seen first, not the first to arrive. This course teaches a quick, structured way to sort patients by urgency and to keep watching those who wait.",
    objectives=(
        "Explain why triage by urgency saves more lives than first come, first served",
        "Assess airway, breathing, circulation and disability in under a minute",
        "Assign red, yellow and green triage categories and act on each",
        "Re-triage waiting patients and record triage decisions",
    ),
    outline="""
# Principles of triage
## Why triage saves lives
Triage means sorting patients by how urgently they need care. In a busy emergency unit, a patient who cannot breathe may die while waiting behind people with minor injuries. Triage makes sure the sickest are seen first.

Good triage is **fast** — usually less than a minute per patient — and it happens as soon as the patient arrives, before registration or payment. It does not diagnose; it decides the order of care.
::: video https://video.praxis-demo.example/emergency-triage/en/why-triage
At the door of a district hospital, a triage nurse meets each arriving patient. A young man with a cut hand is asked to wait; a child breathing fast with blue lips is carried straight to the resuscitation room. Two minutes later the nurse checks the waiting room again.
:::

## The ABCD assessment
Look for danger signs in a fixed order, and treat what you find before moving on:

- **A – Airway**: is the airway open? Look for noisy breathing, choking or swelling.
- **B – Breathing**: is the patient breathing, and how hard? Look for very fast breathing, chest indrawing or blue lips.
- **C – Circulation**: check for cold hands, a weak and fast pulse, capillary refill longer than 3 seconds, or severe bleeding.
- **D – Disability**: is the patient alert, responding only to voice or pain, or unresponsive? Is the patient convulsing? Check blood glucose if consciousness is reduced.

A problem found at any step makes the patient an emergency.

# Categories and action
## The triage categories
Many emergency units use three colours:

1. **Red – emergency**: a danger sign in A, B, C or D. Treat immediately.
2. **Yellow – priority**: not in immediate danger but needs to be seen soon, for example severe pain, high fever in a young infant, a major burn or a poisoning. Assess within minutes.
3. **Green – non-urgent**: can safely wait in the queue.

When in doubt, choose the more urgent category. It is safer to over-triage one patient than to miss a deteriorating one.

## Re-triage and records
A patient's condition can change while they wait. Reassess yellow patients regularly and green patients at set intervals, and move anyone who deteriorates to a higher category.

### Record every decision
- the time of arrival and of triage;
- the category and the signs that led to it;
- the name of the person who triaged.

In a mass-casualty event, some systems add a category for patients who are dead or whose survival is very unlikely with the resources available. These decisions follow local protocols and are made by the most experienced person present.
""",
)

THEME.courses["fr"] = CourseText(
    title="Triage aux urgences : qui soigner en premier",
    summary="Lorsque de nombreux patients arrivent en même temps, les plus graves doivent passer en premier, pas les premiers arrivés. Ce cours enseigne une méthode rapide et structurée pour classer les patients par urgence et surveiller ceux qui attendent.",
    objectives=(
        "Expliquer pourquoi le triage par urgence sauve plus de vies que l'ordre d'arrivée",
        "Évaluer les voies aériennes, la respiration, la circulation et l'état neurologique en moins d'une minute",
        "Attribuer les catégories rouge, jaune et verte et agir en conséquence",
        "Réévaluer les patients en attente et consigner les décisions de triage",
    ),
    outline="""
# Principes du triage
## Pourquoi le triage sauve des vies
Trier, c'est classer les patients selon l'urgence de leurs besoins. Dans un service d'urgence chargé, un patient qui ne peut pas respirer peut mourir en attendant derrière des personnes peu blessées. Le triage garantit que les plus graves passent en premier.

Un bon triage est **rapide** — en général moins d'une minute par patient — et se fait dès l'arrivée, avant l'enregistrement ou le paiement. Il ne pose pas de diagnostic : il fixe l'ordre de prise en charge.
::: video https://video.praxis-demo.example/emergency-triage/fr/why-triage
À l'entrée d'un hôpital de district, une infirmière de triage accueille chaque patient. Un jeune homme blessé à la main est invité à patienter ; un enfant qui respire vite, les lèvres bleues, est porté directement en salle de déchocage. Deux minutes plus tard, l'infirmière repasse en salle d'attente.
:::

## L'évaluation ABCD
Recherchez les signes de danger dans un ordre fixe et traitez ce que vous trouvez avant de passer à l'étape suivante :

- **A – Voies aériennes** : sont-elles libres ? Cherchez une respiration bruyante, un étouffement ou un gonflement.
- **B – Respiration** : le patient respire-t-il, et avec quel effort ? Cherchez une respiration très rapide, un tirage ou des lèvres bleues.
- **C – Circulation** : mains froides, pouls faible et rapide, temps de recoloration capillaire supérieur à 3 secondes, hémorragie grave.
- **D – État neurologique** : le patient est-il alerte, ne réagit-il qu'à la voix ou à la douleur, ou pas du tout ? Convulse-t-il ? Contrôlez la glycémie si la conscience est altérée.

Un problème à n'importe quelle étape fait du patient une urgence.

# Catégories et conduite à tenir
## Les catégories de triage
Beaucoup de services d'urgence utilisent trois couleurs :

1. **Rouge – urgence** : un signe de danger en A, B, C ou D. Traiter immédiatement.
2. **Jaune – prioritaire** : pas de danger immédiat mais doit être vu rapidement, par exemple douleur intense, forte fièvre chez un jeune nourrisson, brûlure étendue ou intoxication. Évaluer en quelques minutes.
3. **Vert – non urgent** : peut attendre sans risque dans la file.

En cas de doute, choisissez la catégorie la plus urgente : mieux vaut surclasser un patient que passer à côté d'une aggravation.

## Réévaluation et traçabilité
L'état d'un patient peut changer pendant l'attente. Réévaluez régulièrement les patients jaunes et, à intervalles fixes, les patients verts ; passez à une catégorie supérieure quiconque s'aggrave.

### Consignez chaque décision
- l'heure d'arrivée et l'heure du triage ;
- la catégorie et les signes qui l'ont justifiée ;
- le nom de la personne qui a trié.

Lors d'un afflux massif de victimes, certains systèmes ajoutent une catégorie pour les personnes décédées ou dont la survie est très improbable avec les moyens disponibles. Ces décisions suivent les protocoles locaux et sont prises par la personne la plus expérimentée présente.
""",
)

THEME.courses["es"] = CourseText(
    title="Triaje de urgencias: a quién atender primero",
    summary="Cuando llegan muchos pacientes a la vez, los más graves deben verse primero, no los que llegaron antes. Este curso enseña una forma rápida y estructurada de clasificar a los pacientes según la urgencia y de vigilar a quienes esperan.",
    objectives=(
        "Explicar por qué el triaje por urgencia salva más vidas que el orden de llegada",
        "Evaluar vía aérea, respiración, circulación y estado neurológico en menos de un minuto",
        "Asignar las categorías roja, amarilla y verde y actuar según cada una",
        "Reevaluar a los pacientes en espera y registrar las decisiones de triaje",
    ),
    outline="""
# Principios del triaje
## Por qué el triaje salva vidas
Hacer triaje es clasificar a los pacientes según la urgencia con que necesitan atención. En una sala de urgencias llena, un paciente que no puede respirar puede morir esperando detrás de personas con lesiones leves. El triaje asegura que los más graves se atiendan primero.

Un buen triaje es **rápido** — normalmente menos de un minuto por paciente — y se hace en cuanto el paciente llega, antes del registro o del pago. No diagnostica: decide el orden de atención.
::: video https://video.praxis-demo.example/emergency-triage/es/why-triage
En la puerta de un hospital distrital, una enfermera de triaje recibe a cada paciente. A un joven con un corte en la mano se le pide que espere; un niño que respira rápido y tiene los labios azules es llevado directamente a la sala de reanimación. Dos minutos después, la enfermera vuelve a revisar la sala de espera.
:::

## La evaluación ABCD
Busque signos de peligro en un orden fijo y trate lo que encuentre antes de seguir:

- **A – Vía aérea**: ¿está abierta? Busque respiración ruidosa, atragantamiento o hinchazón.
- **B – Respiración**: ¿respira el paciente y con cuánto esfuerzo? Busque respiración muy rápida, tiraje o labios azules.
- **C – Circulación**: manos frías, pulso débil y rápido, llenado capilar de más de 3 segundos o hemorragia grave.
- **D – Estado neurológico**: ¿está alerta, responde solo a la voz o al dolor, o no responde? ¿Está convulsionando? Mida la glucemia si la conciencia está disminuida.

Un problema en cualquier paso convierte al paciente en una emergencia.

# Categorías y acción
## Las categorías de triaje
Muchas salas de urgencias usan tres colores:

1. **Rojo – emergencia**: un signo de peligro en A, B, C o D. Tratar de inmediato.
2. **Amarillo – prioritario**: sin peligro inmediato, pero debe verse pronto; por ejemplo, dolor intenso, fiebre alta en un lactante pequeño, una quemadura extensa o una intoxicación. Evaluar en pocos minutos.
3. **Verde – no urgente**: puede esperar en la fila sin riesgo.

En caso de duda, elija la categoría más urgente: es más seguro sobreclasificar a un paciente que pasar por alto a uno que empeora.

## Reevaluación y registro
El estado de un paciente puede cambiar mientras espera. Reevalúe con frecuencia a los pacientes amarillos y, a intervalos fijos, a los verdes, y pase a una categoría superior a quien empeore.

### Registre cada decisión
- la hora de llegada y la del triaje;
- la categoría y los signos que la justificaron;
- el nombre de quien hizo el triaje.

En un incidente con múltiples víctimas, algunos sistemas añaden una categoría para las personas fallecidas o cuya supervivencia es muy improbable con los recursos disponibles. Estas decisiones siguen los protocolos locales y las toma la persona con más experiencia presente.
""",
)

THEME.courses["ru"] = CourseText(
    title="Медицинская сортировка: кому помогать в первую очередь",
    summary="Когда одновременно поступает много пациентов, первыми должны получить помощь самые тяжёлые, а не пришедшие раньше. Курс учит быстро и последовательно распределять пациентов по срочности и наблюдать за теми, кто ждёт.",
    objectives=(
        "Объяснить, почему сортировка по срочности спасает больше жизней, чем очередь",
        "Оценить проходимость дыхательных путей, дыхание, кровообращение и сознание менее чем за минуту",
        "Присваивать красную, жёлтую и зелёную категории и действовать в соответствии с ними",
        "Повторно оценивать ожидающих пациентов и документировать решения",
    ),
    outline="""
# Принципы сортировки
## Почему сортировка спасает жизни
Сортировка — это распределение пациентов по срочности необходимой помощи. В переполненном приёмном отделении пациент, который не может дышать, может умереть в очереди за людьми с лёгкими травмами. Сортировка гарантирует, что самые тяжёлые будут осмотрены первыми.

Хорошая сортировка **быстрая** — обычно меньше минуты на пациента — и проводится сразу при поступлении, до регистрации и оплаты. Она не ставит диагноз, а определяет порядок оказания помощи.
::: video https://video.praxis-demo.example/emergency-triage/ru/why-triage
У входа в районную больницу сортировочная медсестра встречает каждого поступающего. Молодого человека с порезом руки просят подождать; ребёнка с частым дыханием и синими губами сразу несут в противошоковую палату. Через две минуты медсестра снова обходит зал ожидания.
:::

## Оценка ABCD
Ищите опасные признаки в строгом порядке и устраняйте найденное, прежде чем идти дальше:

- **A – дыхательные пути (Airway)**: проходимы ли они? Шумное дыхание, поперхивание, отёк.
- **B – дыхание (Breathing)**: дышит ли пациент и с каким усилием? Очень частое дыхание, втяжение грудной клетки, синие губы.
- **C – кровообращение (Circulation)**: холодные руки, слабый частый пульс, время наполнения капилляров больше 3 секунд, сильное кровотечение.
- **D – сознание (Disability)**: пациент в ясном сознании, реагирует только на голос или боль или не реагирует? Есть ли судороги? При нарушенном сознании измерьте уровень глюкозы.

Нарушение на любом этапе означает, что пациент нуждается в неотложной помощи.

# Категории и действия
## Сортировочные категории
Во многих приёмных отделениях используют три цвета:

1. **Красный — неотложный**: опасный признак по A, B, C или D. Помощь немедленно.
2. **Жёлтый — приоритетный**: непосредственной угрозы нет, но осмотр нужен вскоре, например при сильной боли, высокой температуре у младенца, обширном ожоге или отравлении. Оценка в течение нескольких минут.
3. **Зелёный — несрочный**: может безопасно ждать в очереди.

Если сомневаетесь, выбирайте более срочную категорию: безопаснее переоценить тяжесть, чем пропустить ухудшение.

## Повторная оценка и документация
Состояние пациента может измениться во время ожидания. Регулярно пересматривайте «жёлтых» пациентов и через установленные интервалы — «зелёных»; при ухудшении переводите пациента в более высокую категорию.

### Записывайте каждое решение
- время поступления и время сортировки;
- категорию и признаки, на основании которых она присвоена;
- фамилию сотрудника, проводившего сортировку.

При массовом поступлении пострадавших в некоторых системах есть отдельная категория для погибших и тех, чьё выживание при имеющихся ресурсах крайне маловероятно. Такие решения принимает самый опытный специалист на месте в соответствии с местными протоколами.
""",
)

THEME.courses["ar"] = CourseText(
    title="الفرز في الطوارئ: من يحتاج إلى الرعاية أولًا",
    summary="عندما يصل كثير من المرضى في وقت واحد، يجب أن يُعالَج الأشد مرضًا أولًا لا الأسبق وصولًا. تعلّمك هذه الدورة طريقة سريعة ومنظمة لفرز المرضى حسب الإلحاح ومتابعة من ينتظرون.",
    objectives=(
        "شرح لماذا ينقذ الفرز حسب الإلحاح أرواحًا أكثر من خدمة الأسبق وصولًا",
        "تقييم مجرى الهواء والتنفس والدورة الدموية ومستوى الوعي في أقل من دقيقة",
        "تحديد فئات الفرز الحمراء والصفراء والخضراء والتصرف وفق كل منها",
        "إعادة فرز المرضى المنتظرين وتوثيق قرارات الفرز",
    ),
    outline="""
# مبادئ الفرز
## لماذا ينقذ الفرز الأرواح
الفرز هو ترتيب المرضى حسب مدى إلحاح حاجتهم إلى الرعاية. في قسم طوارئ مزدحم قد يموت مريض لا يستطيع التنفس وهو ينتظر خلف أشخاص إصاباتهم بسيطة. يضمن الفرز أن يُرى الأشد مرضًا أولًا.

الفرز الجيد **سريع** — عادة أقل من دقيقة لكل مريض — ويجري فور وصول المريض، قبل التسجيل أو الدفع. وهو لا يضع تشخيصًا، بل يحدد ترتيب تقديم الرعاية.
::: video https://video.praxis-demo.example/emergency-triage/ar/why-triage
عند باب مستشفى المنطقة تستقبل ممرضة الفرز كل مريض يصل. يُطلب من شاب مجروح اليد أن ينتظر، بينما يُحمل طفل يتنفس بسرعة وشفتاه زرقاوان مباشرة إلى غرفة الإنعاش. وبعد دقيقتين تعود الممرضة لتتفقد قاعة الانتظار.
:::

## تقييم ABCD
ابحث عن علامات الخطر بترتيب ثابت، وعالج ما تجده قبل الانتقال إلى الخطوة التالية:

- **A – مجرى الهواء**: هل هو مفتوح؟ ابحث عن تنفس صاخب أو اختناق أو تورم.
- **B – التنفس**: هل يتنفس المريض وبأي جهد؟ ابحث عن تنفس سريع جدًا أو انسحاب الصدر أو ازرقاق الشفتين.
- **C – الدورة الدموية**: برودة اليدين، نبض ضعيف وسريع، زمن امتلاء شعري أطول من 3 ثوانٍ، أو نزيف شديد.
- **D – مستوى الوعي**: هل المريض يقظ، أم يستجيب للصوت أو الألم فقط، أم لا يستجيب؟ هل يتشنج؟ افحص سكر الدم إذا كان الوعي منخفضًا.

أي مشكلة في أي خطوة تجعل المريض حالة طارئة.

# الفئات والإجراءات
## فئات الفرز
تستخدم أقسام طوارئ كثيرة ثلاثة ألوان:

1. **الأحمر – طارئ**: علامة خطر في A أو B أو C أو D. يُعالَج فورًا.
2. **الأصفر – ذو أولوية**: لا خطر فوري لكنه يحتاج إلى الفحص قريبًا، مثل الألم الشديد أو الحمى العالية لدى رضيع صغير أو حرق واسع أو تسمم. يُقيَّم خلال دقائق.
3. **الأخضر – غير عاجل**: يمكنه الانتظار في الطابور بأمان.

عند الشك اختر الفئة الأعلى إلحاحًا، فالمبالغة في تقدير حالة مريض أسلم من إغفال مريض تتدهور حالته.

## إعادة الفرز والتوثيق
قد تتغير حالة المريض أثناء الانتظار. أعد تقييم المرضى في الفئة الصفراء بانتظام، والمرضى في الفئة الخضراء على فترات محددة، وانقل من تتدهور حالته إلى فئة أعلى.

### وثّق كل قرار
- وقت الوصول ووقت الفرز؛
- الفئة والعلامات التي أدت إليها؛
- اسم الشخص الذي أجرى الفرز.

في حوادث الإصابات الجماعية تضيف بعض الأنظمة فئة للمتوفين ولمن يُستبعد بقاؤهم على قيد الحياة بالموارد المتاحة. تتبع هذه القرارات البروتوكولات المحلية ويتخذها أكثر الحاضرين خبرة.
""",
)

THEME.courses["zh-hans"] = CourseText(
    title="急诊分诊：谁应最先得到救治",
    summary="当大量患者同时到达时，应该先救治病情最重的人，而不是先到的人。本课程教授一种快速、规范的方法，按紧急程度对患者分类，并持续观察候诊患者。",
    objectives=(
        "解释为什么按紧急程度分诊比先到先看能挽救更多生命",
        "在一分钟内评估气道、呼吸、循环和意识状态",
        "划分红、黄、绿三类分诊级别并采取相应措施",
        "对候诊患者进行再次分诊并记录分诊决定",
    ),
    outline="""
# 分诊原则
## 分诊为什么能挽救生命
分诊是根据患者需要救治的紧急程度进行排序。在繁忙的急诊科，一位无法呼吸的患者可能在排队等候轻伤患者时死亡。分诊确保病情最重的患者最先得到诊治。

好的分诊要**快**——通常每位患者不到一分钟——并在患者到达后立即进行，先于挂号或缴费。分诊不做诊断，而是决定救治的先后顺序。
::: video https://video.praxis-demo.example/emergency-triage/zh-hans/why-triage
在一家县医院门口，分诊护士迎接每一位到达的患者。一名手部割伤的年轻人被安排候诊；一名呼吸急促、嘴唇发紫的儿童被直接抱进抢救室。两分钟后，护士再次巡视候诊区。
:::

## ABCD评估
按固定顺序查找危险征象，发现问题先处理，再进行下一步：

- **A——气道**：气道是否通畅？注意有无呼吸音粗响、噎呛或肿胀。
- **B——呼吸**：患者是否有呼吸、呼吸是否费力？注意呼吸极快、胸部凹陷或嘴唇发紫。
- **C——循环**：手脚冰凉、脉搏细速、毛细血管再充盈时间超过3秒，或大出血。
- **D——意识**：患者是清醒、只对声音或疼痛有反应，还是毫无反应？是否正在抽搐？意识下降时要测血糖。

任何一步发现问题，患者即属于急危重症。

# 分级与处置
## 分诊级别
许多急诊科使用三种颜色：

1. **红色——急危**：A、B、C或D中有危险征象，立即救治。
2. **黄色——优先**：没有立即的生命危险，但需要尽快诊治，例如剧烈疼痛、小婴儿高热、大面积烧伤或中毒。数分钟内评估。
3. **绿色——非紧急**：可以安全地排队等候。

拿不准时，选择更紧急的级别：宁可把一位患者分得偏重，也不要漏掉一位正在恶化的患者。

## 再次分诊与记录
患者在等候期间病情可能发生变化。对黄色患者要经常复评，对绿色患者要定时复评，病情加重者应提升级别。

### 记录每一项决定
- 到达时间和分诊时间；
- 分诊级别及其依据的征象；
- 分诊人员的姓名。

在大规模伤亡事件中，有些分诊系统会为已死亡或在现有资源下存活可能性极低的伤员另设一个类别。此类决定须遵循当地规程，由在场最有经验的人员作出。
""",
)

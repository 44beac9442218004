# ruff: noqa: E501 — lesson prose keeps each paragraph on one line, so Markdown never breaks CJK text.
"""Antimicrobial stewardship in hospitals and clinics, in five languages."""

from decimal import Decimal

from praxis.demo.outline import CourseText, Theme

THEME = Theme(
    key="antimicrobial-stewardship",
    level="advanced",
    hours=Decimal("4"),
    topics=("antimicrobial-resistance", "infection-prevention"),
    organisations=("yangtze-stewardship", "baltic-ipc-nurses"),
)

THEME.courses["en"] = CourseText(
    title="Antimicrobial stewardship: the right antibiotic, only when needed",
    summary="Every antibiotic prescription shapes the resistance of tomorrow. This course gives prescribers, pharmacists and nurses practical tools to start antibiotics wisely, review them and stop them on time.",
    objectives=(
        "Explain how antimicrobial resistance emerges and spreads",
        "Use the Access, Watch and Reserve groups to guide antibiotic choice",
        "Start antibiotics with the right drug, dose, route and duration",
        "Review treatment at 48 to 72 hours and give teams feedback on prescribing",
    ),
    outline="""
# Understanding resistance
## How resistance emerges and spreads
Bacteria multiply fast, and a few among millions may carry a change that lets them survive an antibiotic. Each time an antibiotic is used, the susceptible bacteria die and the resistant ones are left to grow and spread — in the patient, in the hospital and in the community.

Resistance is driven by **unnecessary** use (antibiotics for viral colds), **wrong** use (too low a dose, too long a course, a broad-spectrum drug when a narrow one would do) and poor infection control that lets resistant bacteria pass from patient to patient.

### Why it matters
- Common infections become harder and more expensive to treat.
- Surgery, chemotherapy and care of premature babies depend on antibiotics that work.

## The Access, Watch and Reserve groups
WHO's AWaRe classification sorts antibiotics into three groups to guide their use:

1. **Access** – first- or second-choice treatment for common infections, with a lower risk of resistance; for example amoxicillin. They should be widely available and make up most of the antibiotics used.
2. **Watch** – antibiotics with a higher risk of resistance, such as many third-generation cephalosporins and macrolides; keep them for specific, limited indications.
3. **Reserve** – last-resort antibiotics for confirmed or suspected infections with multidrug-resistant bacteria; protect them closely.

Compare your facility's use with these groups: a high share of Watch antibiotics is a signal to review prescribing.

# Stewardship at the bedside
## Start smart
Before starting an antibiotic, ask: is this a bacterial infection at all? Many fevers, coughs and cases of diarrhoea are viral and get better without antibiotics.

### When an antibiotic is needed
- Take cultures **before** the first dose whenever possible, without delaying treatment in severe illness.
- Follow the local guideline: choose the narrowest effective drug, at the right dose and by the right route.
- Write the **indication** and the **planned duration** in the notes.

In sepsis, give effective antibiotics promptly: stewardship is never a reason to delay treatment for a seriously ill patient.

## Then focus: review and feedback
Review every antibiotic at **48 to 72 hours**, when results and the patient's course are known. At this antibiotic time-out, choose one of five decisions: stop, continue, narrow the spectrum, switch from intravenous to oral, or seek advice.

### Make it a team practice
- Pharmacists check indications, doses and durations on their daily rounds.
- The stewardship team audits a sample of prescriptions each month and returns the results to each ward.
- Celebrate improvements and discuss cases openly, without blame.
""",
)

THEME.courses["fr"] = CourseText(
    title="Bon usage des antimicrobiens : le bon antibiotique, seulement si nécessaire",
    summary="Chaque prescription d'antibiotique façonne les résistances de demain. Ce cours donne aux prescripteurs, pharmaciens et infirmiers des outils pratiques pour débuter un antibiotique à bon escient, le réévaluer et l'arrêter à temps.",
    objectives=(
        "Expliquer comment la résistance aux antimicrobiens apparaît et se propage",
        "Utiliser les groupes Accès, Surveillance et Réserve pour guider le choix d'un antibiotique",
        "Débuter un antibiotique avec la bonne molécule, la bonne dose, la bonne voie et la bonne durée",
        "Réévaluer le traitement à 48–72 heures et faire un retour aux équipes sur leurs prescriptions",
    ),
    outline="""
# Comprendre la résistance
## Comment la résistance apparaît et se propage
Les bactéries se multiplient vite, et quelques-unes parmi des millions peuvent porter une modification qui leur permet de survivre à un antibiotique. À chaque utilisation, les bactéries sensibles meurent et les résistantes restent libres de se multiplier et de se propager — chez le patient, à l'hôpital et dans la communauté.

La résistance est favorisée par l'usage **inutile** (antibiotiques pour un rhume viral), l'usage **inadapté** (dose trop faible, traitement trop long, molécule à large spectre quand une molécule ciblée suffirait) et une hygiène insuffisante qui laisse passer les bactéries résistantes d'un patient à l'autre.

### Pourquoi c'est important
- Des infections courantes deviennent plus difficiles et plus coûteuses à traiter.
- La chirurgie, la chimiothérapie et les soins aux prématurés dépendent d'antibiotiques efficaces.

## Les groupes Accès, Surveillance et Réserve
La classification AWaRe de l'OMS répartit les antibiotiques en trois groupes pour guider leur usage :

1. **Accès** – traitements de premier ou de deuxième choix des infections courantes, avec un risque de résistance plus faible ; par exemple l'amoxicilline. Ils doivent être largement disponibles et représenter la majorité des antibiotiques utilisés.
2. **Surveillance** – antibiotiques à risque de résistance plus élevé, comme de nombreuses céphalosporines de troisième génération et les macrolides ; à réserver à des indications précises et limitées.
3. **Réserve** – antibiotiques de dernier recours pour les infections confirmées ou suspectées à bactéries multirésistantes ; à protéger étroitement.

Comparez la consommation de votre établissement à ces groupes : une forte part d'antibiotiques du groupe Surveillance doit conduire à revoir les prescriptions.

# Le bon usage au lit du patient
## Bien débuter
Avant de débuter un antibiotique, demandez-vous s'il s'agit bien d'une infection bactérienne. Beaucoup de fièvres, de toux et de diarrhées sont virales et guérissent sans antibiotique.

### Quand un antibiotique est nécessaire
- Faites les prélèvements **avant** la première dose chaque fois que possible, sans retarder le traitement en cas de maladie grave.
- Suivez le protocole local : choisissez la molécule efficace au spectre le plus étroit, à la bonne dose et par la bonne voie.
- Notez l'**indication** et la **durée prévue** dans le dossier.

En cas de sepsis, donnez rapidement un antibiotique efficace : le bon usage ne justifie jamais de retarder le traitement d'un patient grave.

## Réévaluer et faire un retour
Réévaluez chaque antibiotique à **48–72 heures**, quand les résultats et l'évolution sont connus. Lors de cette réévaluation, choisissez l'une des cinq décisions : arrêter, poursuivre, réduire le spectre, passer de la voie intraveineuse à la voie orale, ou demander un avis.

### En faire une pratique d'équipe
- Les pharmaciens vérifient indications, doses et durées lors de leur tournée quotidienne.
- L'équipe de bon usage audite chaque mois un échantillon de prescriptions et rend les résultats à chaque service.
- Valorisez les progrès et discutez des cas ouvertement, sans chercher de coupable.
""",
)

THEME.courses["es"] = CourseText(
    title="Uso prudente de los antimicrobianos: el antibiótico correcto, solo cuando hace falta",
    summary="Cada receta de antibiótico influye en la resistencia del mañana. Este curso ofrece a prescriptores, farmacéuticos y personal de enfermería herramientas prácticas para iniciar antibióticos con criterio, revisarlos y suspenderlos a tiempo.",
    objectives=(
        "Explicar cómo surge y se propaga la resistencia a los antimicrobianos",
        "Usar los grupos Acceso, Precaución y Reserva para orientar la elección del antibiótico",
        "Iniciar antibióticos con el fármaco, la dosis, la vía y la duración correctos",
        "Revisar el tratamiento a las 48–72 horas y devolver información a los equipos sobre su prescripción",
    ),
    outline="""
# Entender la resistencia
## Cómo surge y se propaga la resistencia
Las bacterias se multiplican rápido, y unas pocas entre millones pueden tener un cambio que les permite sobrevivir a un antibiótico. Cada vez que se usa un antibiótico, las bacterias sensibles mueren y las resistentes quedan libres para crecer y propagarse: en el paciente, en el hospital y en la comunidad.

La resistencia se alimenta del uso **innecesario** (antibióticos para resfriados virales), del uso **incorrecto** (dosis demasiado baja, tratamiento demasiado largo, un fármaco de amplio espectro cuando bastaría uno de espectro reducido) y de un control de infecciones deficiente que deja pasar bacterias resistentes de un paciente a otro.

### Por qué importa
- Infecciones comunes se vuelven más difíciles y más caras de tratar.
- La cirugía, la quimioterapia y la atención de prematuros dependen de antibióticos que funcionen.

## Los grupos Acceso, Precaución y Reserva
La clasificación AWaRe de la OMS agrupa los antibióticos en tres categorías para orientar su uso:

1. **Acceso** – tratamientos de primera o segunda elección para infecciones comunes, con menor riesgo de resistencia; por ejemplo, la amoxicilina. Deben estar ampliamente disponibles y ser la mayoría de los antibióticos usados.
2. **Precaución** – antibióticos con mayor riesgo de resistencia, como muchas cefalosporinas de tercera generación y los macrólidos; resérvelos para indicaciones concretas y limitadas.
3. **Reserva** – antibióticos de último recurso para infecciones confirmadas o sospechadas por bacterias multirresistentes; protéjalos estrictamente.

Compare el consumo de su establecimiento con estos grupos: una proporción alta de antibióticos de Precaución es una señal para revisar la prescripción.

# Uso prudente junto a la cama del paciente
## Empezar bien
Antes de iniciar un antibiótico, pregúntese si realmente se trata de una infección bacteriana. Muchas fiebres, toses y diarreas son virales y mejoran sin antibióticos.

### Cuando hace falta un antibiótico
- Tome cultivos **antes** de la primera dosis siempre que sea posible, sin retrasar el tratamiento en una enfermedad grave.
- Siga la guía local: elija el fármaco eficaz de espectro más reducido, con la dosis y la vía correctas.
- Anote la **indicación** y la **duración prevista** en la historia clínica.

En la sepsis, administre pronto un antibiótico eficaz: el uso prudente nunca justifica retrasar el tratamiento de un paciente grave.

## Revisar y devolver información
Revise cada antibiótico a las **48–72 horas**, cuando ya se conocen los resultados y la evolución. En esta pausa, tome una de cinco decisiones: suspender, continuar, reducir el espectro, pasar de la vía intravenosa a la oral o pedir consejo.

### Convertirlo en práctica de equipo
- Los farmacéuticos revisan indicaciones, dosis y duraciones en su ronda diaria.
- El equipo de uso prudente audita cada mes una muestra de recetas y devuelve los resultados a cada servicio.
- Celebren las mejoras y comenten los casos abiertamente, sin buscar culpables.
""",
)

THEME.courses["ru"] = CourseText(
    title="Рациональное применение антимикробных препаратов: нужный антибиотик и только по показаниям",
    summary="Каждое назначение антибиотика влияет на завтрашнюю резистентность. Курс даёт врачам, фармацевтам и медсёстрам практические инструменты, чтобы обоснованно начинать антибиотикотерапию, пересматривать её и вовремя отменять.",
    objectives=(
        "Объяснить, как возникает и распространяется устойчивость к противомикробным препаратам",
        "Использовать группы «Доступ», «Наблюдение» и «Резерв» при выборе антибиотика",
        "Начинать лечение с правильного препарата, дозы, пути введения и длительности",
        "Пересматривать терапию через 48–72 часа и давать командам обратную связь по назначениям",
    ),
    outline="""
# Что такое резистентность
## Как возникает и распространяется устойчивость
Бактерии размножаются быстро, и немногие из миллионов могут нести изменение, позволяющее выжить при действии антибиотика. При каждом применении антибиотика чувствительные бактерии гибнут, а устойчивые продолжают размножаться и распространяться — в организме пациента, в больнице и в обществе.

Резистентность растёт из-за **ненужного** применения (антибиотики при вирусной простуде), **неправильного** применения (слишком низкая доза, слишком длинный курс, препарат широкого спектра там, где достаточно узкого) и слабого инфекционного контроля, при котором устойчивые бактерии передаются от пациента к пациенту.

### Почему это важно
- Обычные инфекции становится труднее и дороже лечить.
- Хирургия, химиотерапия и выхаживание недоношенных детей зависят от действующих антибиотиков.

## Группы «Доступ», «Наблюдение» и «Резерв»
Классификация AWaRe ВОЗ делит антибиотики на три группы, чтобы направлять их применение:

1. **«Доступ»** — препараты первого или второго выбора при распространённых инфекциях с меньшим риском резистентности, например амоксициллин. Они должны быть широко доступны и составлять большую часть применяемых антибиотиков.
2. **«Наблюдение»** — антибиотики с более высоким риском резистентности, например многие цефалоспорины третьего поколения и макролиды; применять по конкретным, ограниченным показаниям.
3. **«Резерв»** — препараты последней линии при подтверждённых или подозреваемых инфекциях, вызванных полирезистентными бактериями; их нужно строго беречь.

Сравните потребление антибиотиков в вашем учреждении с этими группами: высокая доля группы «Наблюдение» — сигнал пересмотреть практику назначений.

# Рациональное применение у постели больного
## Правильный старт
Прежде чем назначить антибиотик, спросите себя: бактериальная ли это инфекция? Многие случаи лихорадки, кашля и диареи вызваны вирусами и проходят без антибиотиков.

### Если антибиотик необходим
- По возможности возьмите материал на посев **до** первой дозы, но не откладывайте лечение при тяжёлом состоянии.
- Следуйте местным рекомендациям: выбирайте эффективный препарат с самым узким спектром в правильной дозе и правильным путём введения.
- Записывайте в истории болезни **показание** и **планируемую длительность**.

При сепсисе вводите эффективный антибиотик без промедления: рациональное применение никогда не оправдывает задержку лечения тяжёлого пациента.

## Пересмотр и обратная связь
Пересматривайте каждое назначение через **48–72 часа**, когда известны результаты анализов и динамика состояния. На этом этапе выберите одно из пяти решений: отменить, продолжить, сузить спектр, перейти с внутривенного введения на пероральный приём или запросить консультацию.

### Сделайте это практикой команды
- Клинические фармацевты ежедневно проверяют показания, дозы и длительность курсов.
- Команда по рациональному применению ежемесячно проверяет выборку назначений и сообщает результаты каждому отделению.
- Отмечайте улучшения и открыто обсуждайте случаи, не ища виноватых.
""",
)

THEME.courses["zh-hans"] = CourseText(
    title="抗微生物药物管理：合理选用抗生素，只在必要时使用",
    summary="每一张抗生素处方都在影响明天的耐药性。本课程为医生、药师和护士提供实用工具，帮助他们合理启动抗生素治疗、按时评估并及时停药。",
    objectives=(
        "解释抗微生物药物耐药性如何产生和传播",
        "运用“可及、慎用、备用”分组指导抗生素选择",
        "以正确的药物、剂量、途径和疗程启动抗生素治疗",
        "在48至72小时评估治疗，并向团队反馈处方情况",
    ),
    outline="""
# 认识耐药性
## 耐药性如何产生和传播
细菌繁殖很快，数以百万计的细菌中可能有少数发生变化，使其能够在抗生素作用下存活。每使用一次抗生素，敏感细菌被杀死，耐药细菌则得以繁殖和传播——在患者体内、在医院里，也在社区中。

推动耐药的因素包括**不必要的**使用（用抗生素治疗病毒性感冒）、**不正确的**使用（剂量过低、疗程过长、可用窄谱药物时却使用广谱药物），以及感染控制薄弱，使耐药菌在患者之间传播。

### 为什么重要
- 常见感染变得更难治疗、费用更高。
- 外科手术、化疗和早产儿救治都依赖有效的抗生素。

## “可及、慎用、备用”分组
世卫组织的AWaRe分类把抗生素分为三组，用以指导使用：

1. **可及类**——常见感染的一线或二线治疗药物，耐药风险较低，例如阿莫西林。应广泛供应，并占抗生素使用的大部分。
2. **慎用类**——耐药风险较高的抗生素，如许多第三代头孢菌素和大环内酯类；只用于特定、有限的适应证。
3. **备用类**——用于确诊或疑似多重耐药菌感染的“最后一道防线”药物；须严格保护。

把本机构的用药情况与这三组进行比较：慎用类占比偏高，就是需要审查处方的信号。

# 床旁的抗菌药物管理
## 明智启动
开始使用抗生素之前，先问：这真的是细菌感染吗？许多发热、咳嗽和腹泻是病毒引起的，不用抗生素也会好转。

### 确需使用抗生素时
- 尽可能在首剂用药**之前**留取培养标本，但危重患者不能因此延误治疗。
- 遵循本地指南：选择有效且抗菌谱最窄的药物，剂量和给药途径要正确。
- 在病历中写明**用药指征**和**计划疗程**。

对于脓毒症患者，应尽快给予有效抗生素：抗菌药物管理绝不是延误危重患者治疗的理由。

## 再评估与反馈
在用药**48至72小时**时，结合检验结果和病情变化评估每一种抗生素。在这次“抗生素暂停”中，从五个决定中选择一个：停药、继续、降阶梯缩窄抗菌谱、由静脉改为口服，或请求会诊。

### 让管理成为团队习惯
- 临床药师在每日查房时核查用药指征、剂量和疗程。
- 管理小组每月抽查一部分处方，并把结果反馈给各科室。
- 肯定进步，公开讨论病例，不追究个人责任。
""",
)

# ruff: noqa: E501 — lesson prose keeps each paragraph on one line, so Markdown never breaks CJK text.
"""Psychological first aid for front-line health workers, in five languages."""

from decimal import Decimal

from praxis.demo.outline import CourseText, Theme

THEME = Theme(
    key="mental-health-first-aid",
    level="introductory",
    hours=Decimal("3"),
    topics=("mental-health", "primary-health-care"),
    organisations=("levant-mental-health", "andean-community-nursing"),
)

THEME.courses["en"] = CourseText(
    title="Mental health first aid for front-line workers",
    summary="People in distress often turn first to the health worker in front of them. Learn to recognise distress, offer psychological first aid, talk safely about suicide and link people to the help they need — and look after yourself while doing it.",
    objectives=(
        "Recognise common reactions to distress and the signs that a person needs more help",
        "Offer psychological first aid using the look, listen and link approach",
        "Ask directly about suicide and take the first safety steps",
        "Refer people to mental health services and protect your own well-being",
    ),
    outline="""
# Recognising distress
## Common reactions to distress
After a loss, an illness or a crisis, most people feel upset for a while: they may be anxious, sad, angry, unable to sleep or unable to concentrate. These are normal reactions to abnormal events, and most people recover with time and support.

Some people need more help. Watch for a person who:

- cannot take care of themselves or their children;
- talks about wanting to die or harming themselves or others;
- is confused, disoriented or out of touch with reality;
- has been in this state for several weeks without improvement.

## Look, listen, link
Psychological first aid is humane, practical support that anyone can give. It rests on three actions:

1. **Look** – check for safety, urgent physical needs and people showing serious distress.
2. **Listen** – approach calmly, introduce yourself, ask about needs and concerns, and listen without pressing the person to talk about what happened.
3. **Link** – help people meet basic needs, get information and reach services and loved ones.

Respect people's choices and dignity, and never make promises you cannot keep.

# Responding safely
## Talking about suicide
If you are worried that someone may be thinking of suicide, **ask directly**: "Are you thinking about killing yourself?" Asking does not put the idea in their head; it often brings relief.

### If the risk is immediate
- Do not leave the person alone.
- Remove access to means of self-harm, such as medicines, pesticides or weapons, if it is safe to do so.
- Get urgent help from a doctor, an emergency service or a crisis line, and involve a trusted person.

Listen without judging, and tell the person that help is available and that they do not have to face this alone.

## Referral and caring for yourself
Know the services in your area before you need them: mental health clinics, social services, crisis lines and community groups. When you refer someone, explain why, write down the details and, with their consent, make the first contact together.

Helping people in distress is demanding. Protect your own well-being:

- take regular breaks and keep to reasonable working hours;
- talk with colleagues or a supervisor about difficult encounters;
- notice your own signs of stress and ask for support early.
""",
)

THEME.courses["fr"] = CourseText(
    title="Premiers secours en santé mentale pour les soignants de première ligne",
    summary="Les personnes en détresse se tournent souvent d'abord vers le soignant qu'elles ont en face d'elles. Apprenez à reconnaître la détresse, à offrir les premiers secours psychologiques, à parler du suicide sans danger et à orienter vers l'aide nécessaire — tout en prenant soin de vous.",
    objectives=(
        "Reconnaître les réactions courantes à la détresse et les signes qu'une personne a besoin de plus d'aide",
        "Offrir les premiers secours psychologiques selon l'approche observer, écouter, orienter",
        "Poser directement la question du suicide et prendre les premières mesures de sécurité",
        "Orienter vers les services de santé mentale et préserver son propre bien-être",
    ),
    outline="""
# Reconnaître la détresse
## Les réactions courantes à la détresse
Après un deuil, une maladie ou une crise, la plupart des personnes sont bouleversées pendant un temps : elles peuvent être anxieuses, tristes, en colère, ne plus dormir ou ne plus se concentrer. Ce sont des réactions normales à des événements anormaux, et la plupart des personnes se rétablissent avec le temps et du soutien.

Certaines ont besoin de plus d'aide. Soyez attentif à une personne qui :

- ne peut plus s'occuper d'elle-même ou de ses enfants ;
- parle de vouloir mourir, de se faire du mal ou de faire du mal à autrui ;
- est confuse, désorientée ou coupée de la réalité ;
- est dans cet état depuis plusieurs semaines sans amélioration.

## Observer, écouter, orienter
Les premiers secours psychologiques sont un soutien humain et concret que chacun peut apporter. Ils reposent sur trois actions :

1. **Observer** – vérifier la sécurité, les besoins physiques urgents et les personnes en grande détresse.
2. **Écouter** – aborder la personne calmement, se présenter, s'enquérir de ses besoins et de ses inquiétudes, et écouter sans la pousser à raconter ce qui s'est passé.
3. **Orienter** – aider à satisfaire les besoins essentiels, à obtenir des informations et à joindre les services et les proches.

Respectez les choix et la dignité des personnes, et ne faites jamais de promesses que vous ne pouvez pas tenir.

# Répondre en toute sécurité
## Parler du suicide
Si vous craignez qu'une personne pense au suicide, **posez la question directement** : « Pensez-vous à vous donner la mort ? » Poser la question ne donne pas l'idée ; cela apporte souvent du soulagement.

### Si le danger est immédiat
- Ne laissez pas la personne seule.
- Éloignez les moyens de se faire du mal, comme les médicaments, les pesticides ou les armes, si vous pouvez le faire sans danger.
- Obtenez une aide urgente auprès d'un médecin, d'un service d'urgence ou d'une ligne d'écoute, et associez une personne de confiance.

Écoutez sans juger et dites à la personne qu'une aide existe et qu'elle n'a pas à affronter cela seule.

## Orientation et soin de soi
Connaissez les services de votre secteur avant d'en avoir besoin : centres de santé mentale, services sociaux, lignes d'écoute et associations. Lorsque vous orientez une personne, expliquez pourquoi, notez les coordonnées et, avec son accord, prenez le premier contact ensemble.

Aider des personnes en détresse est exigeant. Protégez votre propre bien-être :

- faites des pauses régulières et gardez des horaires raisonnables ;
- parlez des situations difficiles avec des collègues ou un superviseur ;
- repérez vos propres signes de stress et demandez du soutien tôt.
""",
)

THEME.courses["es"] = CourseText(
    title="Primeros auxilios en salud mental para el personal de primera línea",
    summary="Las personas en crisis suelen acudir primero al trabajador de salud que tienen delante. Aprenda a reconocer el malestar, ofrecer primera ayuda psicológica, hablar del suicidio de forma segura y conectar a las personas con la ayuda que necesitan, cuidándose también a sí mismo.",
    objectives=(
        "Reconocer las reacciones habituales ante el malestar y las señales de que alguien necesita más ayuda",
        "Ofrecer primera ayuda psicológica con el enfoque observar, escuchar y conectar",
        "Preguntar directamente por el suicidio y tomar las primeras medidas de seguridad",
        "Derivar a los servicios de salud mental y proteger el propio bienestar",
    ),
    outline="""
# Reconocer el malestar
## Reacciones habituales ante el malestar
Tras una pérdida, una enfermedad o una crisis, la mayoría de las personas se sienten afectadas durante un tiempo: pueden estar ansiosas, tristes, enojadas, sin poder dormir o sin poder concentrarse. Son reacciones normales ante hechos anormales, y la mayoría se recupera con el tiempo y con apoyo.

Algunas personas necesitan más ayuda. Preste atención a quien:

- no puede cuidar de sí mismo ni de sus hijos;
- habla de querer morir o de hacerse daño o dañar a otros;
- está confundido, desorientado o fuera de la realidad;
- lleva varias semanas así sin mejorar.

## Observar, escuchar, conectar
La primera ayuda psicológica es un apoyo humano y práctico que cualquiera puede dar. Se basa en tres acciones:

1. **Observar** – comprobar la seguridad, las necesidades físicas urgentes y a las personas con malestar grave.
2. **Escuchar** – acercarse con calma, presentarse, preguntar por necesidades y preocupaciones, y escuchar sin presionar a la persona para que cuente lo sucedido.
3. **Conectar** – ayudar a cubrir necesidades básicas, obtener información y llegar a los servicios y a los seres queridos.

Respete las decisiones y la dignidad de las personas, y nunca haga promesas que no pueda cumplir.

# Responder de forma segura
## Hablar sobre el suicidio
Si le preocupa que alguien esté pensando en el suicidio, **pregúntelo directamente**: «¿Está pensando en quitarse la vida?». Preguntar no le da la idea; a menudo le alivia.

### Si el riesgo es inmediato
- No deje sola a la persona.
- Retire el acceso a medios de autolesión, como medicamentos, plaguicidas o armas, si puede hacerlo sin peligro.
- Busque ayuda urgente de un médico, un servicio de emergencias o una línea de crisis, e involucre a una persona de confianza.

Escuche sin juzgar y dígale a la persona que hay ayuda disponible y que no tiene que afrontar esto sola.

## Derivación y autocuidado
Conozca los servicios de su zona antes de necesitarlos: centros de salud mental, servicios sociales, líneas de crisis y grupos comunitarios. Cuando derive a alguien, explique por qué, anote los datos y, con su consentimiento, hagan juntos el primer contacto.

Ayudar a personas con malestar es exigente. Proteja su propio bienestar:

- tome descansos regulares y mantenga horarios razonables;
- hable de los casos difíciles con colegas o con su supervisor;
- reconozca sus propias señales de estrés y pida apoyo a tiempo.
""",
)

THEME.courses["ru"] = CourseText(
    title="Первая психологическая помощь для медицинских работников",
    summary="Человек в кризисе часто в первую очередь обращается к тому медицинскому работнику, который рядом. Научитесь распознавать дистресс, оказывать первую психологическую помощь, безопасно говорить о суициде и направлять людей за нужной помощью, не забывая о себе.",
    objectives=(
        "Распознавать типичные реакции на стресс и признаки того, что человеку нужна дополнительная помощь",
        "Оказывать первую психологическую помощь по принципу «наблюдать, выслушать, связать»",
        "Прямо спрашивать о суицидальных мыслях и принимать первые меры безопасности",
        "Направлять к специалистам по психическому здоровью и беречь собственное благополучие",
    ),
    outline="""
# Как распознать дистресс
## Типичные реакции на тяжёлые события
После утраты, болезни или кризиса большинство людей какое-то время переживают: они могут испытывать тревогу, грусть, гнев, плохо спать или с трудом сосредотачиваться. Это нормальные реакции на ненормальные события, и большинство людей восстанавливается со временем и при поддержке.

Некоторым нужна дополнительная помощь. Обратите внимание на человека, который:

- не может позаботиться о себе или о своих детях;
- говорит о желании умереть, причинить вред себе или другим;
- растерян, дезориентирован или теряет связь с реальностью;
- находится в таком состоянии несколько недель без улучшения.

## Наблюдать, выслушать, связать
Первая психологическая помощь — это человечная практическая поддержка, которую может оказать каждый. Она включает три действия:

1. **Наблюдать** — оценить безопасность, срочные физические потребности и людей в тяжёлом состоянии.
2. **Выслушать** — спокойно подойти, представиться, спросить о нуждах и тревогах и слушать, не заставляя рассказывать о случившемся.
3. **Связать** — помочь удовлетворить базовые потребности, получить информацию и связаться со службами и близкими.

Уважайте выбор и достоинство людей и никогда не давайте обещаний, которые не сможете выполнить.

# Безопасная помощь
## Разговор о суициде
Если вы опасаетесь, что человек думает о самоубийстве, **спросите прямо**: «Вы думаете о том, чтобы покончить с собой?» Вопрос не подталкивает к этой мысли; напротив, он часто приносит облегчение.

### Если опасность непосредственная
- Не оставляйте человека одного.
- Уберите доступные средства самоповреждения — лекарства, пестициды, оружие, — если это безопасно.
- Срочно обратитесь к врачу, в экстренную службу или на телефон доверия и привлеките близкого человека.

Слушайте без осуждения и скажите, что помощь существует и что человек не должен справляться с этим в одиночку.

## Направление к специалистам и забота о себе
Заранее узнайте, какие службы есть в вашем районе: центры психического здоровья, социальные службы, телефоны доверия, общественные группы. Направляя человека, объясните причину, запишите контакты и с его согласия вместе установите первый контакт.

Помогать людям в кризисе трудно. Берегите себя:

- делайте регулярные перерывы и соблюдайте разумный режим работы;
- обсуждайте тяжёлые случаи с коллегами или руководителем;
- замечайте собственные признаки стресса и вовремя просите о поддержке.
""",
)

THEME.courses["ar"] = CourseText(
    title="الإسعافات الأولية النفسية للعاملين في الخطوط الأمامية",
    summary="كثيرًا ما يلجأ الأشخاص الذين يمرّون بضائقة أولًا إلى العامل الصحي الذي أمامهم. تعلّم كيف تتعرّف على الضائقة، وتقدّم الإسعافات الأولية النفسية، وتتحدث عن الانتحار بأمان، وتربط الناس بالمساعدة التي يحتاجونها، مع الاعتناء بنفسك أيضًا.",
    objectives=(
        "التعرّف على ردود الفعل الشائعة للضائقة والعلامات التي تدل على حاجة الشخص إلى مساعدة أكبر",
        "تقديم الإسعافات الأولية النفسية وفق نهج: انظر، استمع، اربط",
        "السؤال المباشر عن الانتحار واتخاذ خطوات السلامة الأولى",
        "إحالة الأشخاص إلى خدمات الصحة النفسية وحماية صحتك النفسية",
    ),
    outline="""
# التعرّف على الضائقة
## ردود الفعل الشائعة للضائقة
بعد فقدان أو مرض أو أزمة يشعر معظم الناس بالاضطراب لفترة: فقد يكونون قلقين أو حزينين أو غاضبين، أو عاجزين عن النوم أو التركيز. هذه ردود فعل طبيعية على أحداث غير طبيعية، ويتعافى معظم الناس مع الوقت والدعم.

يحتاج بعض الأشخاص إلى مساعدة أكبر. انتبه إلى الشخص الذي:

- لا يستطيع رعاية نفسه أو أطفاله؛
- يتحدث عن رغبته في الموت أو في إيذاء نفسه أو غيره؛
- مرتبك أو فاقد للتوجّه أو منفصل عن الواقع؛
- بقي على هذه الحال عدة أسابيع دون تحسّن.

## انظر، استمع، اربط
الإسعافات الأولية النفسية دعم إنساني وعملي يستطيع أي شخص تقديمه، وتقوم على ثلاثة أفعال:

1. **انظر** – تحقّق من السلامة والاحتياجات الجسدية العاجلة ومن الأشخاص الذين يعانون ضائقة شديدة.
2. **استمع** – اقترب بهدوء، وعرّف بنفسك، واسأل عن الاحتياجات والمخاوف، واستمع دون أن تضغط على الشخص ليتحدث عمّا حدث.
3. **اربط** – ساعد الناس على تلبية احتياجاتهم الأساسية والحصول على المعلومات والوصول إلى الخدمات وأحبّائهم.

احترم خيارات الناس وكرامتهم، ولا تقطع أبدًا وعودًا لا تستطيع الوفاء بها.

# الاستجابة بأمان
## الحديث عن الانتحار
إذا كنت قلقًا من أن شخصًا ما يفكر في الانتحار، **فاسأله مباشرة**: «هل تفكر في إنهاء حياتك؟» السؤال لا يزرع الفكرة في ذهنه، بل كثيرًا ما يجلب له الارتياح.

### إذا كان الخطر فوريًا
- لا تترك الشخص وحده.
- أبعد وسائل إيذاء النفس، مثل الأدوية أو المبيدات أو الأسلحة، إذا أمكن ذلك بأمان.
- اطلب مساعدة عاجلة من طبيب أو خدمة طوارئ أو خط دعم للأزمات، وأشرك شخصًا موثوقًا.

استمع دون إصدار أحكام، وأخبر الشخص أن المساعدة متاحة وأنه ليس مضطرًا لمواجهة ذلك وحده.

## الإحالة والعناية بالنفس
تعرّف على الخدمات المتاحة في منطقتك قبل أن تحتاج إليها: عيادات الصحة النفسية والخدمات الاجتماعية وخطوط دعم الأزمات والمجموعات المجتمعية. عند إحالة شخص ما اشرح له السبب، ودوّن التفاصيل، وبموافقته أجريا الاتصال الأول معًا.

مساعدة من يمرّون بضائقة عمل مُجهِد. احمِ صحتك النفسية:

- خذ فترات راحة منتظمة والتزم بساعات عمل معقولة؛
- تحدّث مع زملائك أو مشرفك عن المواقف الصعبة؛
- انتبه إلى علامات التوتر لديك واطلب الدعم مبكرًا.
""",
)

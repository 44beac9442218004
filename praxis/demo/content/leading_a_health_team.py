# ruff: noqa: E501 — lesson prose keeps each paragraph on one line, so Markdown never breaks CJK text.
"""Leading a primary health care team, in four languages."""

from decimal import Decimal

from praxis.demo.outline import CourseText, Theme

THEME = Theme(
    key="leading-a-health-team",
    level="intermediate",
    hours=Decimal("2.5"),
    topics=("leadership", "primary-health-care"),
    organisations=(
        "bay-of-bengal-primary-care",
        "himalayan-rural-health",
        "mekong-workforce-studies",
    ),
)

THEME.courses["en"] = CourseText(
    title="Leading a health team",
    summary="Good care depends on teams that know their goals, talk to each other and feel supported. This course gives new team leaders in primary care simple habits that make a difference from the first week.",
    objectives=(
        "Agree shared goals and clear roles with your team",
        "Run a short daily huddle that surfaces problems early",
        "Give feedback and supportive supervision that help people improve",
        "Handle conflict and watch for signs of burnout",
    ),
    outline="""
# Setting the team up
## Shared goals and clear roles
A team works well when everyone knows what it is trying to achieve and who does what. Agree two or three goals that matter to patients — for example, "every pregnant woman in our area has four antenatal visits" — and display them where everyone can see them.

### Make roles explicit
- List the main tasks of the team and who is responsible for each.
- Name a deputy for every task, so that absences do not stop the work.
- Review the list whenever someone joins or leaves.

Unclear roles are a common cause of missed tasks and of conflict.

## The daily huddle
A huddle is a short standing meeting — ten minutes at most — at the start of the day. It is not a place for long discussions; it is a quick check that the team is ready.

### Three questions
1. What happened yesterday that we should learn from?
2. What is coming today: staffing, supplies, patients who need special attention?
3. Who needs help?

Problems that need more time are noted and taken up after the huddle by the people concerned.

# Supporting people
## Feedback and supportive supervision
People improve when they know how they are doing. Give feedback soon, in private, about a specific behaviour and its effect: "When you explained the medicine schedule with the pictures, the mother could repeat it back. Please keep doing that."

Supportive supervision means visiting to help, not to inspect. Observe the work, ask what gets in the way, solve one problem together and agree on the next step. Write down what you agreed and follow it up on your next visit.

## Handling conflict and preventing burnout
Conflict is normal in busy teams. Deal with it early: listen to each person separately, focus on the problem rather than the person, and look for a solution both can accept.

### Watch for signs of burnout
- exhaustion that does not improve after rest;
- cynicism or distance from patients and colleagues;
- a sense that one's work no longer makes a difference.

Share the workload fairly, protect breaks, recognise good work openly and make sure people know where to find confidential support.
""",
)

THEME.courses["es"] = CourseText(
    title="Liderar un equipo de salud",
    summary="Una buena atención depende de equipos que conocen sus metas, se comunican y se sienten apoyados. Este curso ofrece a quienes empiezan a dirigir equipos de atención primaria hábitos sencillos que marcan la diferencia desde la primera semana.",
    objectives=(
        "Acordar con el equipo metas compartidas y funciones claras",
        "Dirigir una breve reunión diaria que detecte los problemas a tiempo",
        "Dar retroalimentación y supervisión de apoyo que ayuden a mejorar",
        "Manejar los conflictos y detectar señales de agotamiento",
    ),
    outline="""
# Organizar el equipo
## Metas compartidas y funciones claras
Un equipo funciona bien cuando todos saben qué se quiere lograr y quién hace qué. Acuerden dos o tres metas importantes para los pacientes — por ejemplo, «toda embarazada de nuestra zona tiene cuatro controles prenatales» — y colóquenlas donde todos puedan verlas.

### Haga explícitas las funciones
- Enumere las tareas principales del equipo y quién es responsable de cada una.
- Nombre un suplente para cada tarea, para que las ausencias no detengan el trabajo.
- Revise la lista cada vez que alguien llegue o se vaya.

Las funciones poco claras son una causa frecuente de tareas olvidadas y de conflictos.

## La reunión diaria
La reunión diaria es un encuentro breve, de pie, de diez minutos como máximo, al inicio de la jornada. No es un espacio para largas discusiones, sino una comprobación rápida de que el equipo está listo.

### Tres preguntas
1. ¿Qué pasó ayer de lo que debamos aprender?
2. ¿Qué nos espera hoy: personal, insumos, pacientes que necesitan atención especial?
3. ¿Quién necesita ayuda?

Los problemas que requieren más tiempo se anotan y las personas implicadas los tratan después de la reunión.

# Apoyar a las personas
## Retroalimentación y supervisión de apoyo
Las personas mejoran cuando saben cómo lo están haciendo. Dé retroalimentación pronto, en privado, sobre una conducta concreta y su efecto: «Cuando explicaste el horario de los medicamentos con los dibujos, la madre pudo repetirlo. Sigue haciéndolo así».

La supervisión de apoyo consiste en visitar para ayudar, no para inspeccionar. Observe el trabajo, pregunte qué dificulta la tarea, resuelvan juntos un problema y acuerden el siguiente paso. Anote lo acordado y haga el seguimiento en la próxima visita.

## Manejar conflictos y prevenir el agotamiento
Los conflictos son normales en equipos con mucha carga. Abórdelos pronto: escuche a cada persona por separado, céntrese en el problema y no en la persona, y busque una solución que ambas partes acepten.

### Esté atento a las señales de agotamiento
- cansancio que no mejora con el descanso;
- cinismo o distanciamiento de pacientes y colegas;
- sensación de que el propio trabajo ya no sirve de nada.

Reparta la carga de trabajo con equidad, proteja los descansos, reconozca abiertamente el buen trabajo y asegúrese de que todos sepan dónde encontrar apoyo confidencial.
""",
)

THEME.courses["fr"] = CourseText(
    title="Diriger une équipe de santé",
    summary="Des soins de qualité reposent sur des équipes qui connaissent leurs objectifs, se parlent et se sentent soutenues. Ce cours donne aux nouveaux responsables d'équipe en soins primaires des habitudes simples qui font la différence dès la première semaine.",
    objectives=(
        "Convenir avec l'équipe d'objectifs communs et de rôles clairs",
        "Animer un court point quotidien qui fait remonter les problèmes tôt",
        "Donner des retours et une supervision formative qui aident à progresser",
        "Gérer les conflits et repérer les signes d'épuisement",
    ),
    outline="""
# Organiser l'équipe
## Objectifs communs et rôles clairs
Une équipe fonctionne bien quand chacun sait ce qu'elle cherche à accomplir et qui fait quoi. Fixez deux ou trois objectifs importants pour les patients — par exemple « chaque femme enceinte de notre secteur bénéficie de quatre consultations prénatales » — et affichez-les là où tout le monde peut les voir.

### Rendez les rôles explicites
- Dressez la liste des principales tâches de l'équipe et de leur responsable.
- Désignez un suppléant pour chaque tâche, afin que les absences n'arrêtent pas le travail.
- Revoyez la liste à chaque arrivée ou départ.

Des rôles flous sont une cause fréquente de tâches oubliées et de conflits.

## Le point quotidien
Le point quotidien est une courte réunion debout — dix minutes au plus — en début de journée. Ce n'est pas le lieu des longues discussions, mais une vérification rapide que l'équipe est prête.

### Trois questions
1. Que s'est-il passé hier dont nous devrions tirer des leçons ?
2. Qu'est-ce qui nous attend aujourd'hui : effectifs, fournitures, patients demandant une attention particulière ?
3. Qui a besoin d'aide ?

Les problèmes qui demandent plus de temps sont notés et traités après le point par les personnes concernées.

# Soutenir les personnes
## Retours et supervision formative
On progresse quand on sait où l'on en est. Faites un retour rapidement, en privé, sur un comportement précis et son effet : « Quand tu as expliqué le calendrier des médicaments avec les images, la mère a pu le répéter. Continue comme ça. »

La supervision formative consiste à venir pour aider, pas pour inspecter. Observez le travail, demandez ce qui fait obstacle, résolvez un problème ensemble et convenez de l'étape suivante. Notez ce qui a été décidé et faites-en le suivi à la visite suivante.

## Gérer les conflits et prévenir l'épuisement
Les conflits sont normaux dans les équipes très sollicitées. Traitez-les tôt : écoutez chaque personne séparément, concentrez-vous sur le problème plutôt que sur la personne, et cherchez une solution acceptable pour tous.

### Repérez les signes d'épuisement
- une fatigue qui ne s'améliore pas avec le repos ;
- du cynisme ou une mise à distance des patients et des collègues ;
- le sentiment que son travail ne sert plus à rien.

Répartissez équitablement la charge de travail, protégez les pauses, reconnaissez ouvertement le travail bien fait et veillez à ce que chacun sache où trouver un soutien confidentiel.
""",
)

THEME.courses["zh-hans"] = CourseText(
    title="带领卫生团队",
    summary="优质的医疗服务离不开目标明确、沟通顺畅并得到支持的团队。本课程为基层卫生团队的新任负责人提供一些简单的工作习惯，从第一周起就能见效。",
    objectives=(
        "与团队商定共同目标和明确分工",
        "主持简短的每日碰头会，及早发现问题",
        "提供有助于改进的反馈和支持性督导",
        "处理冲突并留意职业倦怠的迹象",
    ),
    outline="""
# 建设团队
## 共同目标与明确分工
当每个人都清楚团队要达成什么、谁负责什么时，团队才能运转良好。商定两三个对患者真正重要的目标——例如“辖区内每位孕妇都完成四次产前检查”——并把目标张贴在大家都能看到的地方。

### 把分工写清楚
- 列出团队的主要任务及每项任务的负责人。
- 为每项任务指定一名替补，避免因人员缺勤而停工。
- 每当有人加入或离开时，重新审视这份清单。

分工不清是任务遗漏和团队冲突的常见原因。

## 每日碰头会
碰头会是每天开始工作时召开的简短站立会议，最多十分钟。它不是长时间讨论的场合，而是快速确认团队已经准备就绪。

### 三个问题
1. 昨天发生了什么值得我们吸取的经验？
2. 今天有哪些安排：人员、物资，以及需要特别关注的患者？
3. 谁需要帮助？

需要更多时间解决的问题先记录下来，会后由相关人员处理。

# 支持团队成员
## 反馈与支持性督导
人们只有了解自己做得怎样，才能不断进步。反馈要及时、私下进行，并针对具体行为及其效果，例如：“你用图片讲解服药时间表后，那位母亲能复述出来了。请继续这样做。”

支持性督导意味着去现场是为了帮忙，而不是检查。观察工作过程，询问遇到了哪些困难，一起解决一个问题，并商定下一步。把商定的内容记录下来，在下次督导时跟进。

## 处理冲突与预防职业倦怠
在繁忙的团队中，冲突是正常现象。要及早处理：分别倾听每个人的想法，对事不对人，寻找双方都能接受的解决办法。

### 留意职业倦怠的迹象
- 休息后仍无法缓解的疲惫；
- 对患者和同事变得冷漠或疏远；
- 觉得自己的工作已经没有意义。

公平分配工作量，保障休息时间，公开肯定出色的工作，并确保每个人都知道到哪里可以获得保密的支持。
""",
)

/** Messages of target indicators (server side): errors, reasons for no data, catalogue texts. The same keys in ru and en. */
export const indicators = {
  ru: {
    // codes in the basis of a figure
    'indicators.procedure.VPR': 'ВПР',
    'indicators.procedure.OGE': 'ОГЭ',
    'indicators.procedure.EGE': 'ЕГЭ',
    'indicators.procedure.REGIONAL': 'Региональная диагностика',
    'indicators.procedure.MUNICIPAL': 'МКР',
    'indicators.procedure.CURRENT': 'Текущая успеваемость',
    'indicators.subject.ru': 'русский язык',
    'indicators.subject.math': 'математика',
    'indicators.subject.math_base': 'математика (базовый уровень)',
    'indicators.subject.math_profile': 'математика (профильный уровень)',
    'indicators.subject.physics': 'физика',
    'indicators.subject.chemistry': 'химия',
    'indicators.subject.biology': 'биология',
    'indicators.subject.geography': 'география',
    'indicators.subject.history': 'история',
    'indicators.subject.social': 'обществознание',
    'indicators.subject.informatics': 'информатика',
    'indicators.subject.literature': 'литература',
    'indicators.basis.result': '{procedure}, {subject}, {grade}, {year}',
    'indicators.basis.grade': '{grade} кл.',
    'indicators.basis.allGrades': 'все классы',
    'indicators.basis.list': 'Перечень школ {year} г.',
    'indicators.basis.listWithOrder': 'Перечень школ {year} г. (приказ {order})',
    'indicators.basis.order': '№ {number} от {date}',
    'indicators.basis.orderNumber': '№ {number}',

    // fields of the registry and the social context
    'indicators.field.students_noo': 'Обучающиеся НОО (1–4 кл.)',
    'indicators.field.students_ooo': 'Обучающиеся ООО (5–9 кл.)',
    'indicators.field.students_soo': 'Обучающиеся СОО (10–11 кл.)',
    'indicators.field.teachers': 'Педагогические работники',
    'indicators.field.vacancies': 'Вакансии педагогов',
    'indicators.field.psychologists': 'Педагоги-психологи',
    'indicators.field.speech_therapists': 'Учителя-логопеды',
    'indicators.field.defectologists': 'Учителя-дефектологи',
    'indicators.field.social_pedagogues': 'Социальные педагоги',
    'indicators.field.internet_mbps': 'Скорость интернета, Мбит/с',
    'indicators.field.is_small': 'Малокомплектная школа',
    'indicators.field.shifts': 'Число смен',
    'indicators.field.locality': 'Местность (городская / сельская)',
    'indicators.field.context.low_income': 'Доля детей из малообеспеченных семей, %',
    'indicators.field.context.single_parent': 'Доля детей из неполных семей, %',
    'indicators.field.context.parents_higher_ed': 'Доля родителей с высшим образованием, %',
    'indicators.field.context.ovz': 'Доля обучающихся с ОВЗ, %',
    'indicators.field.context.disabled': 'Доля детей-инвалидов, %',
    'indicators.field.context.registered': 'Доля обучающихся, состоящих на учёте, %',
    'indicators.field.context.non_russian': 'Доля обучающихся, для которых русский язык не родной, %',
    'indicators.field.contextExtra': 'Показатель контекста «{code}», %',
    'indicators.resultField.below_min': 'не преодолели минимальный порог',
    'indicators.resultField.mark2': 'отметка «2»',
    'indicators.resultField.mark3': 'отметка «3»',
    'indicators.resultField.mark4': 'отметка «4»',
    'indicators.resultField.mark5': 'отметка «5»',
    'indicators.resultField.high_80_99': 'от 80 до 99 баллов',
    'indicators.resultField.high_100': '100 баллов',
    'indicators.resultField.mark4_5': 'отметки «4» и «5»',

    // reasons for no data
    'indicators.noData.noResultsYear': 'Нет результатов {procedure} по предмету «{subject}» за {year} г.',
    'indicators.noData.noResults': 'Нет результатов {procedure} за {year} г.',
    'indicators.noData.fieldEmpty':
      'В результатах {procedure} за {year} г. не заполнено поле «{field}» (например, не задан минимальный порог).',
    'indicators.noData.noStudents':
      'Нет результатов участников {procedure} за {year} г., у которых известны и отметка за работу, и текущая отметка.',
    'indicators.noData.noApprovedList': 'Нет утверждённого перечня школ за {year} г.',
    'indicators.noData.notInPreviousList': 'Школа не входила в перечень {year} г.',
    'indicators.noData.noActivities': 'Нет мероприятий дорожной карты со сроком в {year} г.',
    'indicators.noData.nothingDue':
      'Ни у одного мероприятия со сроком в {year} г. срок не наступил к {today}.',
    'indicators.noData.fieldNull': 'Не заполнено поле «{field}».',
    'indicators.noData.notAmong':
      'Школа не входит в число учитываемых: не выполнено условие «{field} {op} {value}».',
    'indicators.noData.noSchools': 'В показатель не входит ни одна школа.',
    'indicators.noData.allMissing': 'Нет данных ни по одной школе (без данных: {missing}).',
    'indicators.noData.zeroDenominator': 'Знаменатель равен нулю: значение не определено.',

    // validation of values
    'indicators.validation.notNumber': '{field}: «{value}» не является числом.',
    'indicators.validation.notNumberYear': '{field} ({year} г.): «{value}» не является числом.',
    'indicators.validation.notBoolean': '{field}: значение «да/нет» должно быть 1 или 0, указано {value}.',
    'indicators.validation.notBooleanYear':
      '{field} ({year} г.): значение «да/нет» должно быть 1 или 0, указано {value}.',
    'indicators.validation.notInteger': '{field}: количество должно быть целым числом, указано {value}.',
    'indicators.validation.notIntegerYear':
      '{field} ({year} г.): количество должно быть целым числом, указано {value}.',
    'indicators.validation.negative': '{field}: значение не может быть отрицательным, указано {value}.',
    'indicators.validation.negativeYear':
      '{field} ({year} г.): значение не может быть отрицательным, указано {value}.',
    'indicators.validation.outOfRange':
      '{field}: значение {value} вне допустимого диапазона (от {min} до {max}).',
    'indicators.validation.outOfRangeYear':
      '{field} ({year} г.): значение {value} вне допустимого диапазона (от {min} до {max}).',
    'indicators.validation.badYear': '{field}: «{value}» не является годом (от 2000 до 2100).',
    'indicators.validation.yearOutsidePeriod': '{field}: {year} г. вне срока программы ({from}–{to}).',
    'indicators.validation.duplicateYear': '{field}: значение на {year} г. указано дважды.',
    'indicators.validation.sourceRequired':
      '{field}: для значения, введённого вручную ({year} г.), укажите источник данных.',
    'indicators.validation.unitNotSupported':
      '{field}: расчёт «{calculation}» не даёт значений в единицах «{unit}» (возможны: {units}).',

    // validation of calculation parameters
    'indicators.params.unknownKey': '{field}: неизвестный параметр.',
    'indicators.params.invalid': '{field}: недопустимое значение ({detail}).',
    'indicators.params.unknownField':
      '{field}: такого поля нет среди полей реестра и социального контекста (для контекста — context.<код>).',
    'indicators.params.valueType':
      '{field}: значение не подходит к полю (число — для числовых полей, да/нет — для признаков, urban/rural — для местности; сравнения «больше/меньше» только для чисел).',
    'indicators.params.notNumeric': '{field}: для суммы нужно числовое поле.',

    // calculations, units, directions, methods, achievement
    'indicators.calc.positive_dynamics': 'Положительная динамика результатов (доля школ)',
    'indicators.calc.below_min_share': 'Доля участников ниже минимального порога',
    'indicators.calc.no_longer_flagged': 'Доля школ, вышедших из перечня',
    'indicators.calc.flagged_share': 'Доля школ в утверждённом перечне',
    'indicators.calc.activities_on_time': 'Доля мероприятий, выполненных в срок',
    'indicators.calc.field_share': 'Доля по полям реестра, контекста или результатов',
    'indicators.calc.marks_confirmed': 'Доля обучающихся, подтвердивших текущие отметки',
    'indicators.unit.percent': '%',
    'indicators.unit.count': 'количество',
    'indicators.unit.score': 'балл',
    'indicators.unit.boolean': 'да/нет',
    'indicators.unitShort.percent': '%',
    'indicators.unitShort.count': 'ед.',
    'indicators.unitShort.score': 'балл',
    'indicators.unitShort.boolean': 'да/нет',
    'indicators.direction.higher': 'чем больше, тем лучше',
    'indicators.direction.lower': 'чем меньше, тем лучше',
    'indicators.method.manual': 'вводится вручную',
    'indicators.method.computed': 'рассчитывается',
    'indicators.achievement.achieved': 'достигнут',
    'indicators.achievement.close': 'близок к цели',
    'indicators.achievement.not_achieved': 'не достигнут',
    'indicators.achievement.no_data': 'нет данных',
    'indicators.achievement.no_target': 'цель не задана',

    // errors of the service and the CLI
    'indicators.unknownCalculation': 'Неизвестный расчёт «{name}».',
    'indicators.badParams': 'Недопустимые параметры расчёта: {details}',
    'indicators.badStoredParams': 'Сохранённые параметры расчёта недопустимы: исправьте показатель.',
    'indicators.noCalculation': 'Для показателя не задан известный расчёт.',
    'indicators.noSchools': 'В программе нет школ, по которым можно рассчитать показатель.',
    'indicators.noData': 'Нет данных.',
    'indicators.codeTaken': 'Показатель с кодом «{code}» уже есть в каталоге.',
    'indicators.builtinDelete': 'Встроенный показатель каталога нельзя удалить.',
    'indicators.unknownCode': 'В каталоге нет показателя с кодом «{code}».',
    'indicators.nameRequired': 'Укажите наименование показателя.',
    'indicators.notComputed': 'Показатель вводится вручную: его нельзя рассчитать.',
    'indicators.notManual': 'Показатель рассчитывается по данным: его значение нельзя ввести вручную.',
    'indicators.unattached': 'Мероприятия без привязки к школе',
    'indicators.cli.badYear': '«{value}» не является годом.',
    'indicators.cli.badProgramme': '«{value}» не является номером программы.',

    // documents
    'indicators.doc.yes': 'да',
    'indicators.doc.no': 'нет',
    'indicators.doc.actual': 'факт: {value}',
    'indicators.doc.noData': 'нет данных',
    'indicators.doc.computed': 'рассчитано: {numerator} из {denominator}',
    'indicators.doc.manual': 'введено вручную, источник: {source}',
    'indicators.doc.year': 'Год',
    'indicators.doc.target': 'Целевое значение',
    'indicators.doc.actualHeader': 'Фактическое значение',
    'indicators.doc.achievement': 'Достижение',
    'indicators.doc.how': 'Как получено',
    'indicators.doc.direction': 'Направление',
    'indicators.doc.method': 'Способ получения',
    'indicators.doc.numerator': 'Числитель',
    'indicators.doc.denominator': 'Знаменатель',
    'indicators.doc.counted': 'Учтено школ',
    'indicators.doc.missing': 'Без данных',
    'indicators.doc.sourceHeader': 'Источник',
    'indicators.doc.computedAt': 'Рассчитано',
    'indicators.doc.fingerprint': 'Отпечаток данных',
    'indicators.doc.sheet.table': 'Показатели',
    'indicators.doc.sheet.values': 'Значения',
    'indicators.doc.reportSection': 'Достижение целевых показателей',
    'indicators.fieldLabel.target': 'Целевое значение',
    'indicators.fieldLabel.baseline': 'Базовое значение',
    'indicators.fieldLabel.value': 'Фактическое значение',
    'indicators.fieldLabel.unit': 'Единица измерения',
    'indicators.evidenceNoValue':
      'Сначала внесите значение за {year} год, затем приложите к нему подтверждение.',

    // the built-in catalogue
    'indicators.catalogue.oge_positive_dynamics.name':
      'Доля школ программы, показавших положительную динамику результатов ОГЭ по русскому языку и математике',
    'indicators.catalogue.oge_positive_dynamics.description':
      'Школа показала положительную динамику, если доля участников ОГЭ, не преодолевших минимальный порог, снизилась по сравнению с предыдущим годом и по русскому языку, и по математике.',
    'indicators.catalogue.oge_positive_dynamics.numerator':
      'Школы, в которых доля не преодолевших минимальный порог на ОГЭ снизилась по обоим предметам',
    'indicators.catalogue.oge_positive_dynamics.denominator':
      'Школы программы с результатами ОГЭ за оба года',
    'indicators.catalogue.ege_positive_dynamics.name':
      'Доля школ программы, показавших положительную динамику результатов ЕГЭ по русскому языку и математике',
    'indicators.catalogue.ege_positive_dynamics.description':
      'Школа показала положительную динамику, если доля участников ЕГЭ, не преодолевших минимальный порог, снизилась по сравнению с предыдущим годом и по русскому языку, и по математике (базовой и профильной вместе).',
    'indicators.catalogue.ege_positive_dynamics.numerator':
      'Школы, в которых доля не преодолевших минимальный порог на ЕГЭ снизилась по обоим предметам',
    'indicators.catalogue.ege_positive_dynamics.denominator':
      'Школы программы с результатами ЕГЭ за оба года',
    'indicators.catalogue.vpr_positive_dynamics.name':
      'Доля школ программы, показавших положительную динамику результатов ВПР по русскому языку и математике',
    'indicators.catalogue.vpr_positive_dynamics.description':
      'Школа показала положительную динамику, если доля отметок «2» на ВПР (по всем классам вместе) снизилась по сравнению с предыдущим годом и по русскому языку, и по математике.',
    'indicators.catalogue.vpr_positive_dynamics.numerator':
      'Школы, в которых доля отметок «2» на ВПР снизилась по обоим предметам',
    'indicators.catalogue.vpr_positive_dynamics.denominator':
      'Школы программы с результатами ВПР за оба года',
    'indicators.catalogue.oge_below_min_share.name':
      'Доля участников ОГЭ по русскому языку и математике, не преодолевших минимальный порог',
    'indicators.catalogue.oge_below_min_share.description':
      'Сумма участников, не преодолевших минимальный порог, к сумме участников ОГЭ по русскому языку и математике в школах программы.',
    'indicators.catalogue.oge_below_min_share.numerator': 'Участники ОГЭ, не преодолевшие минимальный порог',
    'indicators.catalogue.oge_below_min_share.denominator': 'Участники ОГЭ по русскому языку и математике',
    'indicators.catalogue.vpr_below_min_share.name':
      'Доля участников ВПР по русскому языку и математике, получивших отметку «2»',
    'indicators.catalogue.vpr_below_min_share.description':
      'Сумма отметок «2» к сумме участников ВПР по русскому языку и математике (все классы) в школах программы.',
    'indicators.catalogue.vpr_below_min_share.numerator': 'Участники ВПР с отметкой «2»',
    'indicators.catalogue.vpr_below_min_share.denominator': 'Участники ВПР по русскому языку и математике',
    'indicators.catalogue.no_longer_flagged.name':
      'Доля школ, вышедших из перечня школ с низкими образовательными результатами',
    'indicators.catalogue.no_longer_flagged.description':
      'Из школ программы, входивших в утверждённый перечень ШНОР предыдущего года, доля тех, кто не вошёл в перечень текущего года.',
    'indicators.catalogue.no_longer_flagged.numerator': 'Школы, не вошедшие в перечень текущего года',
    'indicators.catalogue.no_longer_flagged.denominator':
      'Школы программы, входившие в перечень предыдущего года',
    'indicators.catalogue.flagged_share.name': 'Доля школ программы, входящих в утверждённый перечень ШНОР',
    'indicators.catalogue.flagged_share.description':
      'Доля школ программы, включённых в утверждённый перечень школ с низкими образовательными результатами года.',
    'indicators.catalogue.flagged_share.numerator': 'Школы программы в перечне года',
    'indicators.catalogue.flagged_share.denominator': 'Школы программы',
    'indicators.catalogue.activities_on_time.name': 'Доля мероприятий дорожной карты, выполненных в срок',
    'indicators.catalogue.activities_on_time.description':
      'Из мероприятий (и периодов повторяющихся мероприятий) со сроком в году, срок которых наступил, доля выполненных не позднее срока. Отменённые не учитываются.',
    'indicators.catalogue.activities_on_time.numerator': 'Мероприятия, выполненные в срок',
    'indicators.catalogue.activities_on_time.denominator': 'Мероприятия, срок которых наступил',
    'indicators.catalogue.internet_1mbps.name':
      'Доля школ программы, имеющих доступ к сети Интернет не менее 1 Мбит/с',
    'indicators.catalogue.internet_1mbps.description':
      'По полю реестра «Скорость интернета, Мбит/с»: школы со скоростью не менее 1 Мбит/с.',
    'indicators.catalogue.internet_1mbps.numerator': 'Школы со скоростью интернета не менее 1 Мбит/с',
    'indicators.catalogue.internet_1mbps.denominator': 'Школы программы с известной скоростью интернета',
    'indicators.catalogue.vacancies_share.name': 'Доля вакансий педагогических работников в школах программы',
    'indicators.catalogue.vacancies_share.description':
      'Число вакансий педагогов к численности педагогических работников по данным реестра.',
    'indicators.catalogue.vacancies_share.numerator': 'Вакансии педагогов',
    'indicators.catalogue.vacancies_share.denominator': 'Педагогические работники',
    'indicators.catalogue.vpr_marks_confirmed.name':
      'Доля обучающихся, подтвердивших текущую успеваемость по результатам ВПР',
    'indicators.catalogue.vpr_marks_confirmed.description':
      'Доля участников ВПР по русскому языку и математике, у которых отметка за работу совпала с текущей отметкой по журналу (признак объективности оценивания).',
    'indicators.catalogue.vpr_marks_confirmed.numerator': 'Участники, отметка которых совпала с текущей',
    'indicators.catalogue.vpr_marks_confirmed.denominator':
      'Участники с отметкой за работу и текущей отметкой',
    'indicators.catalogue.teachers_qualification.name':
      'Доля педагогических работников школ программы, прошедших повышение квалификации в течение трёх последних лет',
    'indicators.catalogue.teachers_qualification.description':
      'Педагоги, прошедшие курсы повышения квалификации за три последних года, от общей численности педагогических работников.',
    'indicators.catalogue.teachers_qualification.numerator':
      'Педагоги, прошедшие повышение квалификации за 3 года',
    'indicators.catalogue.teachers_qualification.denominator': 'Педагогические работники',
    'indicators.catalogue.teachers_qualification.dataNote':
      'В Росте пока нет сведений о курсах повышения квалификации педагогов: значение вводится вручную с указанием источника.',
    'indicators.catalogue.students_iom.name':
      'Доля слабоуспевающих и неуспевающих обучающихся, для которых разработан индивидуальный образовательный маршрут (ИОМ)',
    'indicators.catalogue.students_iom.description':
      'Обучающиеся учебной «группы риска» с разработанным ИОМ от общего числа слабоуспевающих и неуспевающих.',
    'indicators.catalogue.students_iom.numerator': 'Обучающиеся с ИОМ',
    'indicators.catalogue.students_iom.denominator': 'Слабоуспевающие и неуспевающие обучающиеся',
    'indicators.catalogue.students_iom.dataNote':
      'В Росте пока нет индивидуальных образовательных маршрутов обучающихся: значение вводится вручную.',
    'indicators.catalogue.extra_classes.name':
      'Доля обучающихся (из числа неуспевающих), посещающих дополнительные занятия для ликвидации отставания',
    'indicators.catalogue.extra_classes.description':
      'Неуспевающие обучающиеся, посещающие дополнительные занятия, от общего числа неуспевающих.',
    'indicators.catalogue.extra_classes.numerator': 'Неуспевающие, посещающие дополнительные занятия',
    'indicators.catalogue.extra_classes.denominator': 'Неуспевающие обучающиеся',
    'indicators.catalogue.extra_classes.dataNote':
      'В Росте пока нет сведений о дополнительных занятиях: значение вводится вручную.',
    'indicators.catalogue.additional_education.name':
      'Доля обучающихся школ программы, охваченных дополнительным образованием',
    'indicators.catalogue.additional_education.description':
      'Обучающиеся, занимающиеся по программам дополнительного образования, от общего числа обучающихся.',
    'indicators.catalogue.additional_education.numerator':
      'Обучающиеся, охваченные дополнительным образованием',
    'indicators.catalogue.additional_education.denominator': 'Обучающиеся',
    'indicators.catalogue.additional_education.dataNote':
      'В Росте пока нет данных о дополнительном образовании: значение вводится вручную.',
    'indicators.catalogue.network_partner.name':
      'Доля ШНОР, включённых в качестве сетевого партнёра в программы и проекты школ с высокими образовательными результатами',
    'indicators.catalogue.network_partner.description':
      'Школы с низкими результатами, имеющие школу-партнёра с высокими результатами (договор о сетевом взаимодействии), от общего числа ШНОР программы.',
    'indicators.catalogue.network_partner.numerator': 'ШНОР, имеющие школу-партнёра с высокими результатами',
    'indicators.catalogue.network_partner.denominator': 'ШНОР программы',
    'indicators.catalogue.network_partner.dataNote':
      'Вводится вручную, пока в Росте не появится учёт сетевых партнёрств между школами; затем будет рассчитываться.',
    'indicators.catalogue.young_teachers.name':
      'Доля педагогических работников школ программы в возрасте до 35 лет в общей численности педагогических работников',
    'indicators.catalogue.young_teachers.description':
      'Педагоги моложе 35 лет от общей численности педагогических работников.',
    'indicators.catalogue.young_teachers.numerator': 'Педагоги в возрасте до 35 лет',
    'indicators.catalogue.young_teachers.denominator': 'Педагогические работники',
    'indicators.catalogue.young_teachers.dataNote':
      'В реестре Роста нет возраста педагогов: значение вводится вручную.',
    'indicators.catalogue.distance_learning.name':
      'Доля обучающихся школ программы, обучающихся с применением дистанционных образовательных технологий',
    'indicators.catalogue.distance_learning.description':
      'Обучающиеся (в том числе с ОВЗ и дети-инвалиды), которые обучаются с использованием дистанционных образовательных технологий.',
    'indicators.catalogue.distance_learning.numerator': 'Обучающиеся с применением ДОТ',
    'indicators.catalogue.distance_learning.denominator': 'Обучающиеся',
    'indicators.catalogue.distance_learning.dataNote':
      'В Росте пока нет сведений о формах обучения: значение вводится вручную.',
    'indicators.catalogue.network_programmes.name':
      'Доля школ программы, реализующих образовательные программы в сетевой форме',
    'indicators.catalogue.network_programmes.description':
      'Школы, реализующие хотя бы одну образовательную программу в сетевой форме, от числа школ программы.',
    'indicators.catalogue.network_programmes.numerator': 'Школы, реализующие программы в сетевой форме',
    'indicators.catalogue.network_programmes.denominator': 'Школы программы',
    'indicators.catalogue.network_programmes.dataNote':
      'В Росте пока нет сведений о сетевой форме реализации программ: значение вводится вручную.',
  },
  en: {
    'indicators.procedure.VPR': 'VPR',
    'indicators.procedure.OGE': 'OGE',
    'indicators.procedure.EGE': 'EGE',
    'indicators.procedure.REGIONAL': 'Regional diagnostics',
    'indicators.procedure.MUNICIPAL': 'Municipal test',
    'indicators.procedure.CURRENT': 'Current marks',
    'indicators.subject.ru': 'Russian',
    'indicators.subject.math': 'mathematics',
    'indicators.subject.math_base': 'mathematics (basic)',
    'indicators.subject.math_profile': 'mathematics (advanced)',
    'indicators.subject.physics': 'physics',
    'indicators.subject.chemistry': 'chemistry',
    'indicators.subject.biology': 'biology',
    'indicators.subject.geography': 'geography',
    'indicators.subject.history': 'history',
    'indicators.subject.social': 'social studies',
    'indicators.subject.informatics': 'computer science',
    'indicators.subject.literature': 'literature',
    'indicators.basis.result': '{procedure}, {subject}, {grade}, {year}',
    'indicators.basis.grade': 'grade {grade}',
    'indicators.basis.allGrades': 'all grades',
    'indicators.basis.list': 'List of schools {year}',
    'indicators.basis.listWithOrder': 'List of schools {year} (order {order})',
    'indicators.basis.order': 'No. {number} of {date}',
    'indicators.basis.orderNumber': 'No. {number}',

    'indicators.field.students_noo': 'Students, primary (grades 1–4)',
    'indicators.field.students_ooo': 'Students, basic (grades 5–9)',
    'indicators.field.students_soo': 'Students, secondary (grades 10–11)',
    'indicators.field.teachers': 'Teachers',
    'indicators.field.vacancies': 'Teacher vacancies',
    'indicators.field.psychologists': 'Psychologists',
    'indicators.field.speech_therapists': 'Speech therapists',
    'indicators.field.defectologists': 'Special-needs teachers',
    'indicators.field.social_pedagogues': 'Social pedagogues',
    'indicators.field.internet_mbps': 'Internet speed, Mbit/s',
    'indicators.field.is_small': 'Small school',
    'indicators.field.shifts': 'Number of shifts',
    'indicators.field.locality': 'Locality (urban / rural)',
    'indicators.field.context.low_income': 'Children from low-income families, %',
    'indicators.field.context.single_parent': 'Children from single-parent families, %',
    'indicators.field.context.parents_higher_ed': 'Parents with higher education, %',
    'indicators.field.context.ovz': 'Students with special needs, %',
    'indicators.field.context.disabled': 'Disabled children, %',
    'indicators.field.context.registered': 'Students on police or social registers, %',
    'indicators.field.context.non_russian': 'Students whose home language is not Russian, %',
    'indicators.field.contextExtra': 'Context indicator "{code}", %',
    'indicators.resultField.below_min': 'below the minimum',
    'indicators.resultField.mark2': 'mark "2"',
    'indicators.resultField.mark3': 'mark "3"',
    'indicators.resultField.mark4': 'mark "4"',
    'indicators.resultField.mark5': 'mark "5"',
    'indicators.resultField.high_80_99': '80 to 99 points',
    'indicators.resultField.high_100': '100 points',
    'indicators.resultField.mark4_5': 'marks "4" and "5"',

    'indicators.noData.noResultsYear': 'No {procedure} results in "{subject}" for {year}.',
    'indicators.noData.noResults': 'No {procedure} results for {year}.',
    'indicators.noData.fieldEmpty':
      'The {procedure} results for {year} have no "{field}" (for example, no minimum threshold is set).',
    'indicators.noData.noStudents':
      'No {procedure} participants for {year} with both an assessment mark and a current mark.',
    'indicators.noData.noApprovedList': 'No approved list of schools for {year}.',
    'indicators.noData.notInPreviousList': 'The school was not in the list of {year}.',
    'indicators.noData.noActivities': 'No roadmap activities are due in {year}.',
    'indicators.noData.nothingDue': 'No activity due in {year} had reached its deadline by {today}.',
    'indicators.noData.fieldNull': 'The field "{field}" is empty.',
    'indicators.noData.notAmong':
      'The school is not counted: the condition "{field} {op} {value}" is not met.',
    'indicators.noData.noSchools': 'No school is included in the indicator.',
    'indicators.noData.allMissing': 'No data for any school (without data: {missing}).',
    'indicators.noData.zeroDenominator': 'The denominator is zero: the value is undefined.',

    'indicators.validation.notNumber': '{field}: "{value}" is not a number.',
    'indicators.validation.notNumberYear': '{field} ({year}): "{value}" is not a number.',
    'indicators.validation.notBoolean': '{field}: a yes/no value must be 1 or 0, got {value}.',
    'indicators.validation.notBooleanYear': '{field} ({year}): a yes/no value must be 1 or 0, got {value}.',
    'indicators.validation.notInteger': '{field}: a count must be a whole number, got {value}.',
    'indicators.validation.notIntegerYear': '{field} ({year}): a count must be a whole number, got {value}.',
    'indicators.validation.negative': '{field}: the value cannot be negative, got {value}.',
    'indicators.validation.negativeYear': '{field} ({year}): the value cannot be negative, got {value}.',
    'indicators.validation.outOfRange': '{field}: the value {value} is out of range ({min} to {max}).',
    'indicators.validation.outOfRangeYear':
      '{field} ({year}): the value {value} is out of range ({min} to {max}).',
    'indicators.validation.badYear': '{field}: "{value}" is not a year (2000 to 2100).',
    'indicators.validation.yearOutsidePeriod':
      "{field}: {year} is outside the programme's period ({from}–{to}).",
    'indicators.validation.duplicateYear': '{field}: a value for {year} is given twice.',
    'indicators.validation.sourceRequired': '{field}: a value entered by hand ({year}) needs a data source.',
    'indicators.validation.unitNotSupported':
      '{field}: the calculation "{calculation}" does not produce "{unit}" values (possible: {units}).',

    'indicators.params.unknownKey': '{field}: unknown parameter.',
    'indicators.params.invalid': '{field}: invalid value ({detail}).',
    'indicators.params.unknownField':
      '{field}: no such field among the registry and social context fields (for context use context.<code>).',
    'indicators.params.valueType':
      '{field}: the value does not fit the field (a number for numeric fields, yes/no for flags, urban/rural for locality; greater/less comparisons only for numbers).',
    'indicators.params.notNumeric': '{field}: a sum needs a numeric field.',

    'indicators.calc.positive_dynamics': 'Positive dynamics of results (share of schools)',
    'indicators.calc.below_min_share': 'Share of participants below the minimum',
    'indicators.calc.no_longer_flagged': 'Share of schools that left the list',
    'indicators.calc.flagged_share': 'Share of schools in the approved list',
    'indicators.calc.activities_on_time': 'Share of activities done on time',
    'indicators.calc.field_share': 'Share over registry, context or results fields',
    'indicators.calc.marks_confirmed': 'Share of students who confirmed their current marks',
    'indicators.unit.percent': '%',
    'indicators.unit.count': 'count',
    'indicators.unit.score': 'score',
    'indicators.unit.boolean': 'yes/no',
    'indicators.unitShort.percent': '%',
    'indicators.unitShort.count': 'units',
    'indicators.unitShort.score': 'points',
    'indicators.unitShort.boolean': 'yes/no',
    'indicators.direction.higher': 'higher is better',
    'indicators.direction.lower': 'lower is better',
    'indicators.method.manual': 'entered by hand',
    'indicators.method.computed': 'computed',
    'indicators.achievement.achieved': 'achieved',
    'indicators.achievement.close': 'close',
    'indicators.achievement.not_achieved': 'not achieved',
    'indicators.achievement.no_data': 'no data',
    'indicators.achievement.no_target': 'no target',

    'indicators.unknownCalculation': 'Unknown calculation "{name}".',
    'indicators.badParams': 'Invalid calculation parameters: {details}',
    'indicators.badStoredParams': 'The stored calculation parameters are invalid: correct the indicator.',
    'indicators.noCalculation': 'The indicator has no known calculation.',
    'indicators.noSchools': 'The programme has no schools to compute the indicator over.',
    'indicators.noData': 'No data.',
    'indicators.codeTaken': 'An indicator with the code "{code}" is already in the catalogue.',
    'indicators.builtinDelete': 'A built-in catalogue indicator cannot be deleted.',
    'indicators.unknownCode': 'No indicator with the code "{code}" in the catalogue.',
    'indicators.nameRequired': 'Enter the name of the indicator.',
    'indicators.notComputed': 'The indicator is entered by hand: it cannot be computed.',
    'indicators.notManual': 'The indicator is computed from data: its value cannot be entered by hand.',
    'indicators.unattached': 'Activities not tied to a school',
    'indicators.cli.badYear': '"{value}" is not a year.',
    'indicators.cli.badProgramme': '"{value}" is not a programme number.',

    'indicators.doc.yes': 'yes',
    'indicators.doc.no': 'no',
    'indicators.doc.actual': 'actual: {value}',
    'indicators.doc.noData': 'no data',
    'indicators.doc.computed': 'computed: {numerator} of {denominator}',
    'indicators.doc.manual': 'entered by hand, source: {source}',
    'indicators.doc.year': 'Year',
    'indicators.doc.target': 'Target',
    'indicators.doc.actualHeader': 'Actual',
    'indicators.doc.achievement': 'Achievement',
    'indicators.doc.how': 'How obtained',
    'indicators.doc.direction': 'Direction',
    'indicators.doc.method': 'Method',
    'indicators.doc.numerator': 'Numerator',
    'indicators.doc.denominator': 'Denominator',
    'indicators.doc.counted': 'Schools counted',
    'indicators.doc.missing': 'Without data',
    'indicators.doc.sourceHeader': 'Source',
    'indicators.doc.computedAt': 'Computed at',
    'indicators.doc.fingerprint': 'Data fingerprint',
    'indicators.doc.sheet.table': 'Indicators',
    'indicators.doc.sheet.values': 'Values',
    'indicators.doc.reportSection': 'Achievement of the target indicators',
    'indicators.fieldLabel.target': 'Target',
    'indicators.fieldLabel.baseline': 'Baseline',
    'indicators.fieldLabel.value': 'Actual value',
    'indicators.fieldLabel.unit': 'Unit',
    'indicators.evidenceNoValue': 'Enter the value for {year} first, then attach its evidence.',

    'indicators.catalogue.oge_positive_dynamics.name':
      'Share of programme schools with positive dynamics of OGE results in Russian and mathematics',
    'indicators.catalogue.oge_positive_dynamics.description':
      'A school shows positive dynamics when its share of OGE participants below the minimum decreased against the previous year in both Russian and mathematics.',
    'indicators.catalogue.oge_positive_dynamics.numerator':
      'Schools whose OGE share below the minimum decreased in both subjects',
    'indicators.catalogue.oge_positive_dynamics.denominator':
      'Programme schools with OGE results for both years',
    'indicators.catalogue.ege_positive_dynamics.name':
      'Share of programme schools with positive dynamics of EGE results in Russian and mathematics',
    'indicators.catalogue.ege_positive_dynamics.description':
      'A school shows positive dynamics when its share of EGE participants below the minimum decreased against the previous year in both Russian and mathematics (basic and advanced together).',
    'indicators.catalogue.ege_positive_dynamics.numerator':
      'Schools whose EGE share below the minimum decreased in both subjects',
    'indicators.catalogue.ege_positive_dynamics.denominator':
      'Programme schools with EGE results for both years',
    'indicators.catalogue.vpr_positive_dynamics.name':
      'Share of programme schools with positive dynamics of VPR results in Russian and mathematics',
    'indicators.catalogue.vpr_positive_dynamics.description':
      'A school shows positive dynamics when its share of "2" marks on VPR (all grades together) decreased against the previous year in both Russian and mathematics.',
    'indicators.catalogue.vpr_positive_dynamics.numerator':
      'Schools whose share of "2" marks on VPR decreased in both subjects',
    'indicators.catalogue.vpr_positive_dynamics.denominator':
      'Programme schools with VPR results for both years',
    'indicators.catalogue.oge_below_min_share.name':
      'Share of OGE participants in Russian and mathematics below the minimum threshold',
    'indicators.catalogue.oge_below_min_share.description':
      "Participants below the minimum over all OGE participants in Russian and mathematics in the programme's schools.",
    'indicators.catalogue.oge_below_min_share.numerator': 'OGE participants below the minimum',
    'indicators.catalogue.oge_below_min_share.denominator': 'OGE participants in Russian and mathematics',
    'indicators.catalogue.vpr_below_min_share.name':
      'Share of VPR participants in Russian and mathematics with the mark "2"',
    'indicators.catalogue.vpr_below_min_share.description':
      'Marks "2" over all VPR participants in Russian and mathematics (all grades) in the programme\'s schools.',
    'indicators.catalogue.vpr_below_min_share.numerator': 'VPR participants with the mark "2"',
    'indicators.catalogue.vpr_below_min_share.denominator': 'VPR participants in Russian and mathematics',
    'indicators.catalogue.no_longer_flagged.name':
      'Share of schools that left the list of low-results schools',
    'indicators.catalogue.no_longer_flagged.description':
      "Of the programme's schools in the previous year's approved list, the share not in this year's list.",
    'indicators.catalogue.no_longer_flagged.numerator': "Schools not in this year's list",
    'indicators.catalogue.no_longer_flagged.denominator': "Programme schools in the previous year's list",
    'indicators.catalogue.flagged_share.name':
      'Share of programme schools in the approved list of low-results schools',
    'indicators.catalogue.flagged_share.description':
      "Share of the programme's schools included in the year's approved list of low-results schools.",
    'indicators.catalogue.flagged_share.numerator': "Programme schools in the year's list",
    'indicators.catalogue.flagged_share.denominator': 'Programme schools',
    'indicators.catalogue.activities_on_time.name': 'Share of roadmap activities done on time',
    'indicators.catalogue.activities_on_time.description':
      'Of the activities (and periods of recurring ones) due in the year whose deadline has come, the share done by the deadline. Cancelled ones are not counted.',
    'indicators.catalogue.activities_on_time.numerator': 'Activities done on time',
    'indicators.catalogue.activities_on_time.denominator': 'Activities whose deadline has come',
    'indicators.catalogue.internet_1mbps.name':
      'Share of programme schools with Internet access of at least 1 Mbit/s',
    'indicators.catalogue.internet_1mbps.description':
      'From the registry field "Internet speed, Mbit/s": schools with at least 1 Mbit/s.',
    'indicators.catalogue.internet_1mbps.numerator': 'Schools with Internet of at least 1 Mbit/s',
    'indicators.catalogue.internet_1mbps.denominator': 'Programme schools with a known Internet speed',
    'indicators.catalogue.vacancies_share.name': "Share of teacher vacancies in the programme's schools",
    'indicators.catalogue.vacancies_share.description':
      'Teacher vacancies over the number of teachers, from the registry.',
    'indicators.catalogue.vacancies_share.numerator': 'Teacher vacancies',
    'indicators.catalogue.vacancies_share.denominator': 'Teachers',
    'indicators.catalogue.vpr_marks_confirmed.name':
      'Share of students who confirmed their current marks on VPR',
    'indicators.catalogue.vpr_marks_confirmed.description':
      'Share of VPR participants in Russian and mathematics whose mark equals their current (journal) mark: a sign of objective marking.',
    'indicators.catalogue.vpr_marks_confirmed.numerator': 'Participants whose mark equals the current mark',
    'indicators.catalogue.vpr_marks_confirmed.denominator':
      'Participants with both an assessment mark and a current mark',
    'indicators.catalogue.teachers_qualification.name':
      "Share of the programme schools' teachers who improved their qualification in the last three years",
    'indicators.catalogue.teachers_qualification.description':
      'Teachers who completed professional development courses in the last three years, over all teachers.',
    'indicators.catalogue.teachers_qualification.numerator':
      'Teachers with professional development in 3 years',
    'indicators.catalogue.teachers_qualification.denominator': 'Teachers',
    'indicators.catalogue.teachers_qualification.dataNote':
      'Rost does not hold professional development courses yet: the value is entered by hand with its source.',
    'indicators.catalogue.students_iom.name':
      'Share of weak and failing students with an individual educational route (IOM)',
    'indicators.catalogue.students_iom.description':
      'Students of the learning "risk group" with an individual route, over all weak and failing students.',
    'indicators.catalogue.students_iom.numerator': 'Students with an individual route',
    'indicators.catalogue.students_iom.denominator': 'Weak and failing students',
    'indicators.catalogue.students_iom.dataNote':
      "Rost does not hold students' individual routes yet: the value is entered by hand.",
    'indicators.catalogue.extra_classes.name':
      'Share of failing students attending extra classes to catch up',
    'indicators.catalogue.extra_classes.description':
      'Failing students attending extra classes, over all failing students.',
    'indicators.catalogue.extra_classes.numerator': 'Failing students attending extra classes',
    'indicators.catalogue.extra_classes.denominator': 'Failing students',
    'indicators.catalogue.extra_classes.dataNote':
      'Rost does not hold extra classes yet: the value is entered by hand.',
    'indicators.catalogue.additional_education.name':
      "Share of the programme schools' students covered by additional education",
    'indicators.catalogue.additional_education.description':
      'Students attending additional education programmes, over all students.',
    'indicators.catalogue.additional_education.numerator': 'Students in additional education',
    'indicators.catalogue.additional_education.denominator': 'Students',
    'indicators.catalogue.additional_education.dataNote':
      'Rost does not hold additional education data yet: the value is entered by hand.',
    'indicators.catalogue.network_partner.name':
      'Share of low-results schools included as network partners in programmes and projects of high-results schools',
    'indicators.catalogue.network_partner.description':
      "Low-results schools with a high-results partner school (a network cooperation agreement), over all the programme's low-results schools.",
    'indicators.catalogue.network_partner.numerator': 'Low-results schools with a high-results partner',
    'indicators.catalogue.network_partner.denominator': "The programme's low-results schools",
    'indicators.catalogue.network_partner.dataNote':
      'Entered by hand until partnerships between schools exist in Rost; then it will be computed.',
    'indicators.catalogue.young_teachers.name':
      "Share of the programme schools' teachers under 35 in the total number of teachers",
    'indicators.catalogue.young_teachers.description': 'Teachers younger than 35 over all teachers.',
    'indicators.catalogue.young_teachers.numerator': 'Teachers under 35',
    'indicators.catalogue.young_teachers.denominator': 'Teachers',
    'indicators.catalogue.young_teachers.dataNote':
      "Rost's registry has no teachers' ages: the value is entered by hand.",
    'indicators.catalogue.distance_learning.name':
      "Share of the programme schools' students learning with distance technologies",
    'indicators.catalogue.distance_learning.description':
      'Students (including those with special needs and disabled children) learning with distance technologies.',
    'indicators.catalogue.distance_learning.numerator': 'Students learning with distance technologies',
    'indicators.catalogue.distance_learning.denominator': 'Students',
    'indicators.catalogue.distance_learning.dataNote':
      'Rost does not hold forms of learning yet: the value is entered by hand.',
    'indicators.catalogue.network_programmes.name':
      'Share of programme schools running educational programmes in network form',
    'indicators.catalogue.network_programmes.description':
      "Schools running at least one educational programme in network form, over the programme's schools.",
    'indicators.catalogue.network_programmes.numerator': 'Schools running programmes in network form',
    'indicators.catalogue.network_programmes.denominator': 'Programme schools',
    'indicators.catalogue.network_programmes.dataNote':
      'Rost does not hold network-form programmes yet: the value is entered by hand.',
  },
} as const;

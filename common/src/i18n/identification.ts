/** Messages of the identification feature: the same keys in ru and en. */
export const identification = {
  ru: {
    // Procedures (nominative, and dative after «по»), subjects, counts, lists.
    'identification.procedure.VPR': 'ВПР',
    'identification.procedure.OGE': 'ОГЭ',
    'identification.procedure.EGE': 'ЕГЭ',
    'identification.procedure.REGIONAL': 'региональная диагностика',
    'identification.procedure.MUNICIPAL': 'муниципальная диагностика',
    'identification.procedureDat.VPR': 'ВПР',
    'identification.procedureDat.OGE': 'ОГЭ',
    'identification.procedureDat.EGE': 'ЕГЭ',
    'identification.procedureDat.REGIONAL': 'региональной диагностике',
    'identification.procedureDat.MUNICIPAL': 'муниципальной диагностике',
    'identification.subject.ru': 'русский язык',
    'identification.subject.math': 'математика',
    'identification.subject.math_base': 'математика (базовый уровень)',
    'identification.subject.math_profile': 'математика (профильный уровень)',
    'identification.grade': '{grade} класс',
    'identification.year': '{year} г.',
    'identification.count.2': 'двух',
    'identification.count.3': 'трёх',
    'identification.count.4': 'четырёх',
    'identification.count.5': 'пяти',
    'identification.participants.one': '{n} участник',
    'identification.participants.few': '{n} участника',
    'identification.participants.many': '{n} участников',
    'identification.list.lastLong': ', и ',
    'identification.list.lastShort': ' и ',

    // Categories.
    'identification.category.low_results': 'ШНОР (низкие образовательные результаты)',
    'identification.category.unfavourable': 'ШНСУ (неблагоприятные социальные условия)',
    'identification.category.resilient': 'резильентная школа',
    'identification.category.below_expected': 'результаты ниже ожидаемых',
    'identification.category.insufficient_data': 'недостаточно данных',
    'identification.display.both': 'ШНОР и ШНСУ',
    'identification.display.low_results': 'ШНОР',
    'identification.display.resilient': 'резильентная',
    'identification.display.unfavourable': 'ШНСУ',
    'identification.display.below_expected': 'ниже ожидаемого',
    'identification.display.insufficient_data': 'недостаточно данных',
    'identification.display.none': 'не выявлена',

    // Context indicators.
    'identification.indicator.low_income': 'дети из малообеспеченных семей',
    'identification.indicator.single_parent': 'дети из неполных семей',
    'identification.indicator.parents_higher_ed': 'родители с высшим образованием',
    'identification.indicator.ovz': 'обучающиеся с ОВЗ',
    'identification.indicator.disabled': 'дети-инвалиды',
    'identification.indicator.registered': 'обучающиеся, состоящие на учёте',
    'identification.indicator.non_russian': 'обучающиеся, для которых русский язык не родной',
    'identification.indicator.rural': 'сельская местность',
    'identification.indicator.small_school': 'малокомплектная школа',

    // The ШНОР rule.
    'identification.item.cell': '{percent} % ({below} из {participants}{extra}) по {procedure}, {subject}',
    'identification.item.cellGrade':
      '{percent} % ({below} из {participants}{extra}) по {procedure}, {grade} класс, {subject}',
    'identification.item.short': '{percent} % ({below} из {participants}, {subject}{extra})',
    'identification.item.shortGrade':
      '{percent} % ({below} из {participants}, {subject}, {grade} класс{extra})',
    'identification.item.wilson': '; нижняя граница 95 % интервала — {lower} %',
    'identification.item.withYear': '{item} ({year} г.)',
    'identification.rule.clauseA':
      'В {year} г. доля участников, не достигших минимального порога, составила {items} — не менее {threshold} % в {count} разных процедурах (правило А).',
    'identification.rule.clauseA.wilson':
      'В {year} г. доля участников, не достигших минимального порога, составила {items} — с учётом статистической погрешности (нижняя граница 95 % доверительного интервала Уилсона) не менее {threshold} % в {count} разных процедурах (правило А).',
    'identification.rule.clauseB':
      'По {procedure} доля участников, не достигших минимального порога, составила {prevItems} в {prevYear} г. и {items} в {year} г. — не менее {threshold} % в одной процедуре два года подряд (правило Б).',
    'identification.rule.clauseB.wilson':
      'По {procedure} доля участников, не достигших минимального порога, составила {prevItems} в {prevYear} г. и {items} в {year} г. — с учётом статистической погрешности (нижняя граница 95 % доверительного интервала Уилсона) не менее {threshold} % в одной процедуре два года подряд (правило Б).',
    'identification.rule.subjectsAll':
      'Требуется достижение порога по всем предметам ({subjects}) в одной процедуре.',
    'identification.rule.notMet.AB':
      'Критерий низких результатов не выполнен: доля не достигших минимального порога не менее {threshold} % не отмечена ни в {count} разных процедурах в {year} г., ни в одной процедуре в {prevYear} и {year} гг. подряд.',
    'identification.rule.notMet.A':
      'Критерий низких результатов не выполнен: доля не достигших минимального порога не менее {threshold} % не отмечена в {count} разных процедурах в {year} г. (правило Б отключено).',
    'identification.rule.notMet.B':
      'Критерий низких результатов не выполнен: доля не достигших минимального порога не менее {threshold} % не отмечена в одной процедуре в {prevYear} и {year} гг. подряд (правило А отключено).',
    'identification.rule.notMet.none':
      'Правила А и Б отключены в параметрах: критерий низких результатов не применялся.',
    'identification.rule.metAlone':
      'Порог {threshold} % достигнут, но этого недостаточно для отнесения к ШНОР: {items}.',
    'identification.rule.undecided':
      'Вывод по критерию низких результатов не сделан: он зависит от результатов, где участников меньше минимума.',
    'identification.rule.insufficient': 'Недостаточно данных: {what} — {participants} при минимуме {min}.',
    'identification.rule.noData':
      'Нет результатов за {prevYear}–{year} гг. по выбранным процедурам ({procedures}) и предметам ({subjects}): критерий низких результатов не применялся.',

    // Context.
    'identification.context.value':
      'Индекс неблагоприятного социального контекста за {year} г.: {index} (чем выше, тем неблагоприятнее условия).',
    'identification.context.unfavourable.quartile':
      'Школа функционирует в неблагоприятных социальных условиях (ШНСУ): индекс входит в верхнюю четверть школ (граница {cutoff}).',
    'identification.context.favourable.quartile':
      'Индекс ниже границы верхней четверти школ ({cutoff}): школа не относится к ШНСУ.',
    'identification.context.unfavourable.threshold':
      'Школа функционирует в неблагоприятных социальных условиях (ШНСУ): индекс не ниже установленного порога {cutoff}.',
    'identification.context.favourable.threshold':
      'Индекс ниже установленного порога {cutoff}: школа не относится к ШНСУ.',
    'identification.context.drivers': 'Наибольший вклад в индекс: {items}.',
    'identification.context.driver': '{indicator} — {value} % (вклад {contribution})',
    'identification.context.reweighted':
      'Нет данных по показателям: {missing}; индекс рассчитан по остальным ({present} % суммарного веса).',
    'identification.context.noRow': 'Нет данных о социальном контексте за {year} г.: индекс не рассчитан.',
    'identification.context.tooFew':
      'Индекс социального контекста не рассчитан: есть показатели лишь на {present} % суммарного веса при минимуме {required} %; нет данных: {missing}.',

    // Model of expected results.
    'identification.model.figures':
      'С учётом социального контекста ожидаемая доля не достигших минимального порога в {year} г. — {expected} %, фактическая — {actual} % ({below} из {participants}), с поправкой на численность школы — {shrunken} %; стандартизованный остаток {residual} (больше нуля — лучше ожидаемого).',
    'identification.model.figuresNoShrink':
      'С учётом социального контекста ожидаемая доля не достигших минимального порога в {year} г. — {expected} %, фактическая — {actual} % ({below} из {participants}); стандартизованный остаток {residual} (больше нуля — лучше ожидаемого).',
    'identification.model.belowExpected':
      'Результаты ниже ожидаемых с учётом контекста: стандартизованный остаток {residual} не выше {cut}.',
    'identification.model.resilient.top_quarter':
      'Резильентная школа: при неблагоприятном контексте доля не достигших минимального порога ({shrunken} %) входит в лучшую четверть школ (не выше {cutoff} %).',
    'identification.model.resilient.residual':
      'Резильентная школа: при неблагоприятном контексте результаты выше ожидаемых (стандартизованный остаток {residual} не ниже {cut}).',
    'identification.model.meanScore':
      'По средним баллам (стандартизованным по процедуре, предмету и классу): {z} при ожидаемом {expected}, стандартизованный остаток {residual}.',
    'identification.model.unavailable':
      'Модель ожидаемых результатов не построена: меньше трёх школ с результатами и индексом контекста.',
    'identification.model.noIndex': 'Ожидаемый результат не рассчитан: нет индекса социального контекста.',
    'identification.model.insufficient':
      'Ожидаемый результат рассчитан, но не оценивается: в {year} г. {participants} при минимуме {min}.',

    // Signs of biased marking (signals, not verdicts).
    'identification.bias.external':
      'Сигнал (не вывод): по ВПР, {subject}, {grade} класс, доля отметок «4» и «5» — {vprShare} % при {vprRegion} % по региону, а доля не достигших минимума на {exam} — {examShare} % при {examRegion} % по региону.',
    'identification.bias.journal':
      'Сигнал (не вывод): у {above} % обучающихся ({aboveCount} из {n}) отметка в журнале выше отметки за ВПР (граница {max} %).',
    'identification.bias.boundary':
      'Сигнал (не вывод): у границы отметки ({boundary} первичных баллов) работ с баллом от {boundary} до {aboveTo} — {aboveCount}, от {belowFrom} до {belowTo} — {belowCount} (отношение {ratio}, {p}).',

    // Input checks.
    'identification.input.badYear': 'Год расчёта должен быть целым числом, получено: {year}.',
    'identification.input.duplicateSchool': 'Школа {schoolId} указана в списке школ несколько раз.',
    'identification.input.badCounts':
      'Результат школы {schoolId} ({procedure}, {subject}, {year} г.): число участников ({participants}) и не достигших минимума ({belowMin}) должны быть целыми, 0 ≤ не достигших ≤ участников.',

    // Parameters.
    'identification.params.error': 'Параметр «{label}» ({path}): {message}.',
    'identification.params.field.root': 'Параметры',
    'identification.params.field.threshold': 'Порог доли не достигших минимума',
    'identification.params.field.procedures': 'Оценочные процедуры',
    'identification.params.field.subjects': 'Предметы',
    'identification.params.field.subjectMode': 'Сочетание предметов',
    'identification.params.field.subjectGroups': 'Группы предметов',
    'identification.params.field.grades': 'Учёт классов',
    'identification.params.field.minParticipants': 'Минимальное число участников',
    'identification.params.field.mode': 'Способ сравнения с порогом',
    'identification.params.field.clauseA': 'Правило А (разные процедуры в одном году)',
    'identification.params.field.clauseAMinProcedures': 'Число разных процедур для правила А',
    'identification.params.field.clauseB': 'Правило Б (одна процедура два года подряд)',
    'identification.params.field.context': 'Индекс социального контекста',
    'identification.params.field.context.weights': 'Веса показателей контекста',
    'identification.params.field.context.minWeightShare': 'Минимальная доля веса имеющихся показателей',
    'identification.params.field.context.unfavourable': 'Правило отнесения к ШНСУ',
    'identification.params.field.context.unfavourable.value': 'Порог индекса для ШНСУ',
    'identification.params.field.model': 'Модель ожидаемых результатов',
    'identification.params.field.model.belowExpectedCut': 'Граница «ниже ожидаемого»',
    'identification.params.field.model.resilientCut': 'Граница остатка для резильентности',
    'identification.params.field.model.resilientTopShare': 'Доля лучших школ для резильентности',
    'identification.params.field.model.shrinkage': 'Поправка на малую численность',
    'identification.params.required': 'значение не задано',
    'identification.params.invalidType': 'ожидается {expected}',
    'identification.params.type.number': 'число',
    'identification.params.type.int': 'целое число',
    'identification.params.type.boolean': 'да или нет',
    'identification.params.type.string': 'строка',
    'identification.params.type.array': 'список',
    'identification.params.type.object': 'набор параметров',
    'identification.params.type.record': 'набор значений',
    'identification.params.tooSmall': 'значение должно быть не меньше {min}',
    'identification.params.tooSmallExclusive': 'значение должно быть больше {min}',
    'identification.params.tooBig': 'значение должно быть не больше {max}',
    'identification.params.tooBigExclusive': 'значение должно быть меньше {max}',
    'identification.params.tooFewItems': 'нужно выбрать не менее {min}',
    'identification.params.tooManyItems': 'можно выбрать не более {max}',
    'identification.params.invalidValue': 'допустимые значения: {values}',
    'identification.params.invalidCode':
      'код должен начинаться со строчной латинской буквы и состоять из строчных латинских букв, цифр и «_»',
    'identification.params.notInteger': 'нужно целое число',
    'identification.params.unknownKey': 'неизвестный параметр',
    'identification.params.invalid': 'недопустимое значение',
    'identification.params.noWeights': 'хотя бы один показатель должен иметь ненулевой вес',
    // server: runs, lists, documents (issue 4)
    'identification.error.invalidParams': 'Параметры отбора заданы неверно. {details}',
    'identification.error.approved':
      'Перечень утверждён приказом № {number} от {date} и не может быть изменён.',
    'identification.error.noMunicipality': 'Предложить перечень может координатор муниципалитета.',
    'identification.error.inputInvalid': 'Данные для отбора содержат ошибки: {details}',
    'identification.error.noSchools': 'В реестре нет действующих школ: отбор не выполнен.',
    'identification.error.badYear': 'Год отбора должен быть от 2001 до 2100, получено: {year}.',
    'identification.error.paramFile': 'Не удалось прочитать файл параметров {file}: {detail}',
    'identification.error.runFailed': 'Отбор завершился с ошибкой: {detail}',
    'identification.error.notDone': 'Запуск ещё выполняется или завершился с ошибкой: действие недоступно.',
    'identification.stage.loading': 'Загрузка результатов и контекста…',
    'identification.stage.computing': 'Расчёт категорий и объяснений…',
    'identification.stage.saving': 'Сохранение результатов по школам…',
    'identification.note.noThreshold':
      'Не оценено: {procedure}, {subject}{grade}, {year} г. — для процедуры не задан минимальный порог, число не достигших минимума неизвестно.',
    'identification.note.grade': ', {grade} класс',
    'identification.doc.appendix': 'Приложение к приказу',
    'identification.doc.order': 'от {date} № {number}',
    'identification.doc.draft': 'Проект (перечень не утверждён)',
    'identification.doc.title':
      'Перечень общеобразовательных организаций, включённых в программу поддержки школ с низкими образовательными результатами и школ, функционирующих в неблагоприятных социальных условиях, по итогам {year} года',
    'identification.doc.col.number': '№ п/п',
    'identification.doc.col.municipality': 'Муниципальное образование',
    'identification.doc.col.school': 'Общеобразовательная организация',
    'identification.doc.col.category': 'Категория',
    'identification.doc.col.grounds': 'Основания',
    'identification.doc.sheet': 'Перечень',
    'identification.doc.empty': 'Школ, отвечающих критериям отбора, нет.',
    'identification.cli.summary': 'Отбор за {year} год, запуск № {run}: школ {total}, в перечне {inList}.',
    'identification.cli.params': 'Параметры: порог {threshold} %, минимум участников {min}, режим {mode}.',
    'identification.job.loading': 'Загрузка данных',
    'identification.job.computing': 'Расчёт категорий',
    'identification.job.saving': 'Сохранение результатов',
  },
  en: {
    'identification.procedure.VPR': 'VPR',
    'identification.procedure.OGE': 'OGE',
    'identification.procedure.EGE': 'EGE',
    'identification.procedure.REGIONAL': 'regional diagnostics',
    'identification.procedure.MUNICIPAL': 'municipal diagnostics',
    'identification.procedureDat.VPR': 'VPR',
    'identification.procedureDat.OGE': 'OGE',
    'identification.procedureDat.EGE': 'EGE',
    'identification.procedureDat.REGIONAL': 'regional diagnostics',
    'identification.procedureDat.MUNICIPAL': 'municipal diagnostics',
    'identification.subject.ru': 'Russian',
    'identification.subject.math': 'mathematics',
    'identification.subject.math_base': 'mathematics (basic level)',
    'identification.subject.math_profile': 'mathematics (advanced level)',
    'identification.grade': 'grade {grade}',
    'identification.year': '{year}',
    'identification.count.2': 'two',
    'identification.count.3': 'three',
    'identification.count.4': 'four',
    'identification.count.5': 'five',
    'identification.participants.one': '{n} participant',
    'identification.participants.few': '{n} participants',
    'identification.participants.many': '{n} participants',
    'identification.list.lastLong': ', and ',
    'identification.list.lastShort': ' and ',

    'identification.category.low_results': 'low results (ShNOR)',
    'identification.category.unfavourable': 'unfavourable social conditions (ShNSU)',
    'identification.category.resilient': 'resilient school',
    'identification.category.below_expected': 'results below expectations',
    'identification.category.insufficient_data': 'insufficient data',
    'identification.display.both': 'low results and unfavourable conditions',
    'identification.display.low_results': 'low results',
    'identification.display.resilient': 'resilient',
    'identification.display.unfavourable': 'unfavourable conditions',
    'identification.display.below_expected': 'below expectations',
    'identification.display.insufficient_data': 'insufficient data',
    'identification.display.none': 'not identified',

    'identification.indicator.low_income': 'children from low-income families',
    'identification.indicator.single_parent': 'children from single-parent families',
    'identification.indicator.parents_higher_ed': 'parents with higher education',
    'identification.indicator.ovz': 'students with special educational needs',
    'identification.indicator.disabled': 'disabled children',
    'identification.indicator.registered': 'students on police or social registers',
    'identification.indicator.non_russian': 'students whose home language is not Russian',
    'identification.indicator.rural': 'rural location',
    'identification.indicator.small_school': 'small school',

    'identification.item.cell': '{percent} % ({below} of {participants}{extra}) in {procedure}, {subject}',
    'identification.item.cellGrade':
      '{percent} % ({below} of {participants}{extra}) in {procedure}, grade {grade}, {subject}',
    'identification.item.short': '{percent} % ({below} of {participants}, {subject}{extra})',
    'identification.item.shortGrade':
      '{percent} % ({below} of {participants}, {subject}, grade {grade}{extra})',
    'identification.item.wilson': '; lower bound of the 95 % interval {lower} %',
    'identification.item.withYear': '{item} ({year})',
    'identification.rule.clauseA':
      'In {year}, the share of participants below the minimum threshold was {items}: at least {threshold} % in {count} different procedures (rule A).',
    'identification.rule.clauseA.wilson':
      'In {year}, the share of participants below the minimum threshold was {items}: allowing for sampling error (lower bound of the 95 % Wilson interval), at least {threshold} % in {count} different procedures (rule A).',
    'identification.rule.clauseB':
      'In {procedure}, the share of participants below the minimum threshold was {prevItems} in {prevYear} and {items} in {year}: at least {threshold} % in the same procedure two years running (rule B).',
    'identification.rule.clauseB.wilson':
      'In {procedure}, the share of participants below the minimum threshold was {prevItems} in {prevYear} and {items} in {year}: allowing for sampling error (lower bound of the 95 % Wilson interval), at least {threshold} % in the same procedure two years running (rule B).',
    'identification.rule.subjectsAll':
      'The threshold must be reached in every subject ({subjects}) of a procedure.',
    'identification.rule.notMet.AB':
      'The low-results criterion is not met: a share below the minimum of at least {threshold} % was found neither in {count} different procedures in {year} nor in the same procedure in {prevYear} and {year}.',
    'identification.rule.notMet.A':
      'The low-results criterion is not met: a share below the minimum of at least {threshold} % was not found in {count} different procedures in {year} (rule B is switched off).',
    'identification.rule.notMet.B':
      'The low-results criterion is not met: a share below the minimum of at least {threshold} % was not found in the same procedure in {prevYear} and {year} (rule A is switched off).',
    'identification.rule.notMet.none':
      'Rules A and B are switched off: the low-results criterion was not applied.',
    'identification.rule.metAlone':
      'The {threshold} % threshold was reached, but not enough for low results: {items}.',
    'identification.rule.undecided':
      'No conclusion on the low-results criterion: it depends on results with fewer participants than the minimum.',
    'identification.rule.insufficient': 'Insufficient data: {what}: {participants}, the minimum is {min}.',
    'identification.rule.noData':
      'No results for {prevYear}–{year} in the chosen procedures ({procedures}) and subjects ({subjects}): the low-results criterion was not applied.',

    'identification.context.value':
      'Index of unfavourable social context for {year}: {index} (higher means less favourable).',
    'identification.context.unfavourable.quartile':
      'The school works in unfavourable social conditions (ShNSU): its index is in the top quarter of schools (cut-off {cutoff}).',
    'identification.context.favourable.quartile':
      'The index is below the top-quarter cut-off ({cutoff}): the school is not in unfavourable conditions.',
    'identification.context.unfavourable.threshold':
      'The school works in unfavourable social conditions (ShNSU): its index is at or above the threshold {cutoff}.',
    'identification.context.favourable.threshold':
      'The index is below the threshold {cutoff}: the school is not in unfavourable conditions.',
    'identification.context.drivers': 'Largest contributions to the index: {items}.',
    'identification.context.driver': '{indicator}: {value} % (contribution {contribution})',
    'identification.context.reweighted':
      'No data for: {missing}; the index was computed from the other indicators ({present} % of the total weight).',
    'identification.context.noRow': 'No social context data for {year}: the index was not computed.',
    'identification.context.tooFew':
      'The context index was not computed: indicators present cover only {present} % of the total weight, the minimum is {required} %; missing: {missing}.',

    'identification.model.figures':
      'Given the social context, the expected share below the minimum in {year} is {expected} %, the actual share {actual} % ({below} of {participants}), adjusted for school size {shrunken} %; standardised residual {residual} (above zero is better than expected).',
    'identification.model.figuresNoShrink':
      'Given the social context, the expected share below the minimum in {year} is {expected} %, the actual share {actual} % ({below} of {participants}); standardised residual {residual} (above zero is better than expected).',
    'identification.model.belowExpected':
      'Results below expectations given the context: standardised residual {residual}, at or below {cut}.',
    'identification.model.resilient.top_quarter':
      'Resilient school: despite the unfavourable context, its share below the minimum ({shrunken} %) is in the best quarter of schools (at most {cutoff} %).',
    'identification.model.resilient.residual':
      'Resilient school: despite the unfavourable context, results are above expectations (standardised residual {residual}, at least {cut}).',
    'identification.model.meanScore':
      'Mean scores (standardised by procedure, subject and grade): {z}, expected {expected}, standardised residual {residual}.',
    'identification.model.unavailable':
      'The model of expected results was not fitted: fewer than three schools with results and a context index.',
    'identification.model.noIndex': 'No expected result: there is no social context index.',
    'identification.model.insufficient':
      'The expected result was computed but not assessed: {participants} in {year}, the minimum is {min}.',

    'identification.bias.external':
      'Signal (not a verdict): in VPR, {subject}, grade {grade}, marks 4 and 5 are {vprShare} % against {vprRegion} % in the region, while the share below the minimum in {exam} is {examShare} % against {examRegion} % in the region.',
    'identification.bias.journal':
      'Signal (not a verdict): {above} % of students ({aboveCount} of {n}) have a higher mark in the register than in VPR (limit {max} %).',
    'identification.bias.boundary':
      'Signal (not a verdict): at the mark boundary of {boundary} primary points, {aboveCount} papers scored {boundary} to {aboveTo} and {belowCount} scored {belowFrom} to {belowTo} (ratio {ratio}, {p}).',

    'identification.input.badYear': 'The year must be an integer, got: {year}.',
    'identification.input.duplicateSchool':
      'School {schoolId} appears in the list of schools more than once.',
    'identification.input.badCounts':
      'Result of school {schoolId} ({procedure}, {subject}, {year}): participants ({participants}) and below the minimum ({belowMin}) must be integers with 0 ≤ below ≤ participants.',

    'identification.params.error': 'Parameter «{label}» ({path}): {message}.',
    'identification.params.field.root': 'Parameters',
    'identification.params.field.threshold': 'Threshold share below the minimum',
    'identification.params.field.procedures': 'Assessment procedures',
    'identification.params.field.subjects': 'Subjects',
    'identification.params.field.subjectMode': 'Combination of subjects',
    'identification.params.field.subjectGroups': 'Subject groups',
    'identification.params.field.grades': 'Grades',
    'identification.params.field.minParticipants': 'Minimum number of participants',
    'identification.params.field.mode': 'Comparison with the threshold',
    'identification.params.field.clauseA': 'Rule A (different procedures in one year)',
    'identification.params.field.clauseAMinProcedures': 'Number of different procedures for rule A',
    'identification.params.field.clauseB': 'Rule B (same procedure two years running)',
    'identification.params.field.context': 'Social context index',
    'identification.params.field.context.weights': 'Weights of context indicators',
    'identification.params.field.context.minWeightShare': 'Minimum share of weight present',
    'identification.params.field.context.unfavourable': 'Rule for unfavourable conditions',
    'identification.params.field.context.unfavourable.value': 'Index threshold for unfavourable conditions',
    'identification.params.field.model': 'Model of expected results',
    'identification.params.field.model.belowExpectedCut': 'Cut-off for “below expectations”',
    'identification.params.field.model.resilientCut': 'Residual cut-off for resilience',
    'identification.params.field.model.resilientTopShare': 'Share of best schools for resilience',
    'identification.params.field.model.shrinkage': 'Adjustment for small schools',
    'identification.params.required': 'no value given',
    'identification.params.invalidType': '{expected} expected',
    'identification.params.type.number': 'a number',
    'identification.params.type.int': 'an integer',
    'identification.params.type.boolean': 'yes or no',
    'identification.params.type.string': 'a string',
    'identification.params.type.array': 'a list',
    'identification.params.type.object': 'a set of parameters',
    'identification.params.type.record': 'a set of values',
    'identification.params.tooSmall': 'the value must be at least {min}',
    'identification.params.tooSmallExclusive': 'the value must be greater than {min}',
    'identification.params.tooBig': 'the value must be at most {max}',
    'identification.params.tooBigExclusive': 'the value must be less than {max}',
    'identification.params.tooFewItems': 'choose at least {min}',
    'identification.params.tooManyItems': 'choose at most {max}',
    'identification.params.invalidValue': 'allowed values: {values}',
    'identification.params.invalidCode':
      'a code must start with a lowercase Latin letter and contain only lowercase Latin letters, digits and “_”',
    'identification.params.notInteger': 'an integer is required',
    'identification.params.unknownKey': 'unknown parameter',
    'identification.params.invalid': 'invalid value',
    'identification.params.noWeights': 'at least one indicator must have a non-zero weight',
    // server: runs, lists, documents (issue 4)
    'identification.error.invalidParams': 'The identification parameters are invalid. {details}',
    'identification.error.approved':
      'The list was approved by order No. {number} of {date} and cannot be changed.',
    'identification.error.noMunicipality': 'Only a municipal coordinator may propose the list.',
    'identification.error.inputInvalid': 'The identification data contain errors: {details}',
    'identification.error.noSchools': 'The registry has no active schools: nothing to identify.',
    'identification.error.badYear': 'The year must be between 2001 and 2100, got {year}.',
    'identification.error.paramFile': 'Cannot read the parameter file {file}: {detail}',
    'identification.error.runFailed': 'The identification failed: {detail}',
    'identification.error.notDone': 'The run is still in progress or has failed: not available.',
    'identification.stage.loading': 'Loading results and context…',
    'identification.stage.computing': 'Computing categories and explanations…',
    'identification.stage.saving': 'Saving the per-school results…',
    'identification.note.noThreshold':
      'Not judged: {procedure}, {subject}{grade}, {year} — the procedure has no minimum threshold, the number below the minimum is unknown.',
    'identification.note.grade': ', grade {grade}',
    'identification.doc.appendix': 'Appendix to the order',
    'identification.doc.order': 'of {date} No. {number}',
    'identification.doc.draft': 'Draft (the list is not approved)',
    'identification.doc.title':
      'List of schools included in the support programme for schools with low results and schools in unfavourable social conditions, {year}',
    'identification.doc.col.number': 'No.',
    'identification.doc.col.municipality': 'Municipality',
    'identification.doc.col.school': 'School',
    'identification.doc.col.category': 'Category',
    'identification.doc.col.grounds': 'Grounds',
    'identification.doc.sheet': 'List',
    'identification.doc.empty': 'No school meets the criteria.',
    'identification.cli.summary':
      'Identification for {year}, run No. {run}: {total} schools, {inList} in the list.',
    'identification.cli.params':
      'Parameters: threshold {threshold} %, minimum participants {min}, mode {mode}.',
    'identification.job.loading': 'Loading data',
    'identification.job.computing': 'Computing categories',
    'identification.job.saving': 'Saving results',
  },
} as const;

/** Messages of the results feature (and of the job queue): the same keys in ru and en. */
export const results = {
  ru: {
    // job queue
    'jobs.unknownKind': 'Неизвестный вид фонового задания «{kind}».',
    'jobs.abandoned':
      'Фоновое задание прервано: обработчик перестал отвечать (например, сервер был перезапущен).',
    'jobs.interrupted': 'Фоновое задание прервано остановкой сервера. Запустите его снова.',

    // stages of a parse job
    'results.stage.reading': 'Чтение файла: {percent} %',
    'results.stage.saving': 'Сохранение разобранных данных',

    // problems of sheets and headers
    'results.noHeader':
      'Лист «{sheet}» пропущен: не найдена строка заголовков со столбцом наименования или кода ОО.',
    'results.noResultColumns':
      'Лист «{sheet}» пропущен: не найдены столбцы результатов («приняло участие», «не преодолен min порог», «средний балл», отметки «2»–«5», баллы участников).',
    'results.noKnownSubject':
      'На листе «{sheet}» ни один столбец результатов не отнесён к известному предмету. Добавьте название предмета в справочник или укажите предмет при загрузке.',
    'results.unknownSubjectHeader':
      'Заголовок «{value}» не найден в справочнике предметов: его столбцы не будут загружены. Выберите предмет для этого заголовка или исключите столбцы.',
    'results.columnIgnored': 'Столбец «{header}» не относится ни к одному предмету и не загружается.',
    'results.personalDataIgnored':
      'Столбец с фамилиями или именами участников не загружается: в системе хранятся только обезличенные коды.',
    'results.noProcedure':
      'Лист «{sheet}»: не удалось определить оценочную процедуру (ВПР, ОГЭ, ЕГЭ…) ни по названию листа, ни по заголовку таблицы, ни по имени файла. Укажите её при загрузке.',
    'results.noYear':
      'Лист «{sheet}»: не удалось определить год проведения ни по названию листа, ни по заголовку таблицы, ни по имени файла. Укажите его при загрузке.',
    'results.noSubject': 'Лист «{sheet}»: в заголовках не указан предмет. Укажите предмет при загрузке.',
    'results.noGrade':
      'Лист «{sheet}»: для процедуры {procedure} нужен класс (параллель), а в таблице он не указан. Укажите класс при загрузке.',

    // problems of rows and cells
    'results.noSchool': 'В строке есть результаты, но не указаны ни наименование, ни код ОО.',
    'results.noGradeRow': 'Для процедуры {procedure} не указан класс.',
    'results.required': 'Столбец «{header}»: не заполнено обязательное значение.',
    'results.unknownProcedure': 'Столбец «{header}»: оценочная процедура «{value}» не распознана.',
    'results.badYear': 'Столбец «{header}»: «{value}» не является годом (например, 2023 или 2022/2023).',
    'results.badGrade': 'Столбец «{header}»: «{value}» не является номером класса (от 1 до 11).',
    'results.unknownSubject': 'Столбец «{header}»: предмет «{value}» не найден в справочнике предметов.',
    'results.notNumber': 'Столбец «{header}»: «{value}» не является числом.',
    'results.notInteger': 'Столбец «{header}»: значение «{value}» должно быть целым числом.',
    'results.outOfRange':
      'Столбец «{header}»: значение «{value}» вне допустимого диапазона (от {min} до {max}).',
    'results.participantsMissing': 'Указаны результаты, но не указано число участников (столбец «{header}»).',
    'results.belowMinExceeds':
      'Столбец «{header}»: не преодолели минимальный порог {value} чел. — больше, чем участников ({participants}).',
    'results.marksExceed': 'Сумма отметок «2»–«5» ({sum}) больше числа участников ({participants}).',
    'results.highExceeds':
      'Столбец «{header}»: высокобалльников ({value}) больше, чем участников ({participants}).',
    'results.studentKeyMissing': 'Не указан код участника.',
    'results.studentNoResult': 'У участника {value} нет ни баллов, ни отметки: строка пропущена.',
    'results.duplicateRow':
      'Результаты ОО «{name}» по этой процедуре, предмету, классу и году уже есть на листе «{previousSheet}» в строке {previousRow}.',
    'results.nothingToImport': 'В файле «{file}» не найдено ни одной строки результатов для загрузки.',

    // schools
    'results.schoolUnmatched':
      'ОО «{name}» ({municipality}) не найдена в реестре: выберите школу или исключите строку.',
    'results.schoolAmbiguous':
      'ОО «{name}» ({municipality}): в реестре несколько подходящих школ ({count}). Выберите нужную или исключите строку.',
    'results.schoolForbidden':
      'ОО «{name}» относится к другому муниципалитету: загружать её результаты можно только региональному координатору.',
    'results.duplicateSchool':
      'Две строки файла («{first}» и «{second}») сопоставлены одной школе ({school}) для одной процедуры, предмета, класса и года. Исправьте выбор.',
    'results.duplicateFile':
      'Этот файл уже загружался: загрузка № {id} от {at} ({who}). Повторная загрузка ничего не изменит.',

    // refusals
    'results.hasProblems':
      'Загрузка не выполнена: нерешённых проблем — {count}. Ничего не записано: сопоставьте или исключите школы и исправьте ошибки файла.',
    'results.badStatus': 'Действие недоступно: загрузка находится в состоянии «{status}».',
    'results.badOptions': 'Параметры загрузки указаны неверно: {detail}.',
    'results.unknownProcedureCode': 'Оценочная процедура с кодом «{code}» не найдена.',
    'results.unknownSubjectCode': 'Предмет с кодом «{code}» не найден.',
    'results.schoolNotInScope':
      'Школа (id {id}) не найдена среди школ, результаты которых вы можете загружать.',
    'results.unknownKey': 'Строка школы № {key} в этой загрузке не найдена.',
    'results.templateNameTaken': 'Шаблон с названием «{name}» уже есть.',
    'results.thresholdMark': 'Минимальное значение: для порога по отметке — целое число от 2 до 5.',
    // fields of the reference forms, named in validation errors
    'results.field.procedure': 'Процедура',
    'results.field.subject': 'Предмет',
    'results.field.year': 'Год',
    'results.field.kind': 'Вид порога',
    'results.field.minValue': 'Минимальное значение',
    'results.field.note': 'Примечание',
    'results.field.name': 'Название',
    'results.field.synonyms': 'Синонимы',
    'results.noLayout': 'В загрузке нет распознанного листа: шаблон сохранить нельзя.',
    'results.tooLarge': 'Файл слишком большой: допускается не более {mb} МБ.',

    // statuses and match kinds (CLI and exports)
    'results.status.uploaded': 'загружен',
    'results.status.parsing': 'разбирается',
    'results.status.parsed': 'разобран, ожидает подтверждения',
    'results.status.failed': 'ошибка разбора',
    'results.status.committed': 'записан',
    'results.status.rolled_back': 'отменён',
    'results.status.discarded': 'удалён без записи',
    'results.match.code': 'по коду',
    'results.match.name': 'по наименованию',
    'results.match.memory': 'по прежнему решению',
    'results.match.manual': 'выбрана вручную',
    'results.match.unmatched': 'не найдена',
    'results.match.ambiguous': 'неоднозначно',
    'results.match.excluded': 'исключена',
    'results.match.forbidden': 'чужой муниципалитет',

    // exports
    'results.export.procedure': 'Процедура',
    'results.export.subject': 'Предмет',
    'results.export.grade': 'Класс',
    'results.export.year': 'Год',
    'results.export.level': 'Уровень',
    'results.export.school': 'ОО',
    'results.export.code': 'Код ОО',
    'results.export.municipality': 'Муниципалитет',
    'results.export.region': 'Регион',
    'results.export.schools': 'Число ОО',
    'results.export.participants': 'Участников',
    'results.export.belowMin': 'Ниже минимума, чел.',
    'results.export.belowMinShare': 'Доля ниже минимума, %',
    'results.export.meanScore': 'Средний балл',
    'results.export.mark2': '«2», %',
    'results.export.mark3': '«3», %',
    'results.export.mark4': '«4», %',
    'results.export.mark5': '«5», %',
    'results.export.highShare': 'Высокобалльников (80–100), %',
    'results.export.schoolSheet': 'Результаты ОО',
    'results.export.summarySheet': 'Сводка',
    'results.export.allGrades': 'все классы',

    // command line
    'results.cli.refused':
      'Загрузка не выполнена: нерешённых проблем — {count}. Ничего не записано. Сопоставьте школы в веб-интерфейсе (загрузка № {id}) или исправьте файл.',
  },
  en: {
    'jobs.unknownKind': 'Unknown kind of background job «{kind}».',
    'jobs.abandoned':
      'The background job was interrupted: its worker stopped responding (for example, the server restarted).',
    'jobs.interrupted': 'The background job was interrupted by a server shutdown. Start it again.',

    'results.stage.reading': 'Reading the file: {percent} %',
    'results.stage.saving': 'Saving the parsed data',

    'results.noHeader': 'Sheet «{sheet}» skipped: no header row with a school name or code column was found.',
    'results.noResultColumns':
      "Sheet «{sheet}» skipped: no result columns were found (participants, below the minimum, mean score, marks 2–5, participants' scores).",
    'results.noKnownSubject':
      'On sheet «{sheet}» no result column belongs to a known subject. Add the subject name to the catalogue or choose the subject when uploading.',
    'results.unknownSubjectHeader':
      'The header «{value}» is not in the subject catalogue: its columns will not be imported. Choose a subject for it or exclude the columns.',
    'results.columnIgnored': 'Column «{header}» belongs to no subject and is not imported.',
    'results.personalDataIgnored':
      "The column with participants' names is not imported: the system keeps pseudonymous codes only.",
    'results.noProcedure':
      'Sheet «{sheet}»: the assessment (ВПР, ОГЭ, ЕГЭ…) could not be found from the sheet name, the table title or the file name. Choose it when uploading.',
    'results.noYear':
      'Sheet «{sheet}»: the year could not be found from the sheet name, the table title or the file name. Give it when uploading.',
    'results.noSubject': 'Sheet «{sheet}»: the headers name no subject. Choose the subject when uploading.',
    'results.noGrade':
      'Sheet «{sheet}»: the assessment {procedure} needs a grade, and the table gives none. Give the grade when uploading.',

    'results.noSchool': 'The row has results but neither a school name nor a code.',
    'results.noGradeRow': 'The assessment {procedure} needs a grade, and none is given.',
    'results.required': 'Column «{header}»: a required value is empty.',
    'results.unknownProcedure': 'Column «{header}»: the assessment «{value}» is not recognised.',
    'results.badYear': 'Column «{header}»: «{value}» is not a year (e.g. 2023 or 2022/2023).',
    'results.badGrade': 'Column «{header}»: «{value}» is not a grade (1 to 11).',
    'results.unknownSubject': 'Column «{header}»: the subject «{value}» is not in the subject catalogue.',
    'results.notNumber': 'Column «{header}»: «{value}» is not a number.',
    'results.notInteger': 'Column «{header}»: the value «{value}» must be a whole number.',
    'results.outOfRange': 'Column «{header}»: the value «{value}» is out of range ({min} to {max}).',
    'results.participantsMissing':
      'Results are given without the number of participants (column «{header}»).',
    'results.belowMinExceeds':
      'Column «{header}»: {value} below the minimum is more than the participants ({participants}).',
    'results.marksExceed': 'The marks 2–5 add up to {sum}, more than the participants ({participants}).',
    'results.highExceeds':
      'Column «{header}»: {value} high scorers is more than the participants ({participants}).',
    'results.studentKeyMissing': 'The participant code is empty.',
    'results.studentNoResult': 'Participant {value} has neither scores nor a mark: the row is skipped.',
    'results.duplicateRow':
      'The results of «{name}» for this assessment, subject, grade and year are already on sheet «{previousSheet}», row {previousRow}.',
    'results.nothingToImport': 'No result rows to import were found in «{file}».',

    'results.schoolUnmatched':
      'School «{name}» ({municipality}) is not in the registry: choose a school or exclude the row.',
    'results.schoolAmbiguous':
      'School «{name}» ({municipality}): several schools of the registry fit ({count}). Choose one or exclude the row.',
    'results.schoolForbidden':
      'School «{name}» belongs to another municipality: only the regional coordinator may import its results.',
    'results.duplicateSchool':
      'Two rows of the file («{first}» and «{second}») were matched to the same school ({school}) for the same assessment, subject, grade and year. Correct the choice.',
    'results.duplicateFile':
      'This file has already been imported: import No. {id} of {at} ({who}). Importing it again changes nothing.',

    'results.hasProblems':
      "Not imported: {count} unresolved problems. Nothing was written: match or exclude the schools and fix the file's errors.",
    'results.badStatus': 'Not available: the import is in the state «{status}».',
    'results.badOptions': 'The import options are wrong: {detail}.',
    'results.unknownProcedureCode': 'Assessment with code «{code}» not found.',
    'results.unknownSubjectCode': 'Subject with code «{code}» not found.',
    'results.schoolNotInScope': 'School (id {id}) is not among the schools whose results you may import.',
    'results.unknownKey': 'School row No. {key} not found in this import.',
    'results.templateNameTaken': 'A template named «{name}» already exists.',
    'results.thresholdMark': 'Minimum value: for a mark threshold, a whole number from 2 to 5.',
    'results.field.procedure': 'Assessment',
    'results.field.subject': 'Subject',
    'results.field.year': 'Year',
    'results.field.kind': 'Kind of threshold',
    'results.field.minValue': 'Minimum value',
    'results.field.note': 'Note',
    'results.field.name': 'Name',
    'results.field.synonyms': 'Synonyms',
    'results.noLayout': 'The import has no recognised sheet: a template cannot be saved.',
    'results.tooLarge': 'The file is too large: at most {mb} MB is accepted.',

    'results.status.uploaded': 'uploaded',
    'results.status.parsing': 'parsing',
    'results.status.parsed': 'parsed, awaiting confirmation',
    'results.status.failed': 'parse failed',
    'results.status.committed': 'written',
    'results.status.rolled_back': 'rolled back',
    'results.status.discarded': 'discarded',
    'results.match.code': 'by code',
    'results.match.name': 'by name',
    'results.match.memory': 'by an earlier decision',
    'results.match.manual': 'chosen by hand',
    'results.match.unmatched': 'not found',
    'results.match.ambiguous': 'ambiguous',
    'results.match.excluded': 'excluded',
    'results.match.forbidden': 'another municipality',

    'results.export.procedure': 'Assessment',
    'results.export.subject': 'Subject',
    'results.export.grade': 'Grade',
    'results.export.year': 'Year',
    'results.export.level': 'Level',
    'results.export.school': 'School',
    'results.export.code': 'School code',
    'results.export.municipality': 'Municipality',
    'results.export.region': 'Region',
    'results.export.schools': 'Schools',
    'results.export.participants': 'Participants',
    'results.export.belowMin': 'Below the minimum',
    'results.export.belowMinShare': 'Below the minimum, %',
    'results.export.meanScore': 'Mean score',
    'results.export.mark2': '«2», %',
    'results.export.mark3': '«3», %',
    'results.export.mark4': '«4», %',
    'results.export.mark5': '«5», %',
    'results.export.highShare': 'High scorers (80–100), %',
    'results.export.schoolSheet': 'School results',
    'results.export.summarySheet': 'Summary',
    'results.export.allGrades': 'all grades',

    'results.cli.refused':
      'Not imported: {count} unresolved problems. Nothing was written. Match the schools in the web application (import No. {id}) or fix the file.',
  },
} as const;

/** Messages of the registry feature: the same keys in ru and en. */
export const registry = {
  ru: {
    // reading tables (server/src/platform/tabular)
    'table.unsupported':
      'Файл «{name}» не является таблицей: загрузите книгу Excel (.xlsx) или текстовый файл CSV.',
    'table.legacyXls':
      'Файл «{name}» сохранён в старом формате Excel 97–2003 (.xls) или защищён паролем. Сохраните его в формате .xlsx без пароля или в CSV и загрузите снова.',
    'table.corrupt': 'Не удалось прочитать книгу Excel «{name}»: файл повреждён или сохранён не полностью.',
    'table.empty': 'Файл «{name}» пуст.',
    'table.tooManyRows': 'На листе «{sheet}» файла «{name}» больше {max} строк. Разделите файл на части.',
    'table.csvError': 'Не удалось разобрать CSV-файл «{name}» (строка {line}): проверьте кавычки.',

    // fields of the registry import/export (Russian labels are also the export's headers)
    'registry.field.code': 'Код ОО',
    'registry.field.municipality': 'Муниципалитет',
    'registry.field.parentCode': 'Код основной ОО (для филиала)',
    'registry.field.inn': 'ИНН',
    'registry.field.fullName': 'Полное наименование',
    'registry.field.shortName': 'Краткое наименование',
    'registry.field.type': 'Тип ОО',
    'registry.field.locality': 'Местность',
    'registry.field.settlement': 'Населённый пункт',
    'registry.field.address': 'Адрес',
    'registry.field.isSmall': 'Малокомплектная',
    'registry.field.shifts': 'Число смен',
    'registry.field.studentsNoo': 'Обучающихся 1–4 классов',
    'registry.field.studentsOoo': 'Обучающихся 5–9 классов',
    'registry.field.studentsSoo': 'Обучающихся 10–11 классов',
    'registry.field.teachers': 'Педагогических работников',
    'registry.field.vacancies': 'Вакансий педагогов',
    'registry.field.psychologists': 'Педагоги-психологи, ставок',
    'registry.field.speechTherapists': 'Учителя-логопеды, ставок',
    'registry.field.defectologists': 'Учителя-дефектологи, ставок',
    'registry.field.socialPedagogues': 'Социальные педагоги, ставок',
    'registry.field.internetMbps': 'Скорость интернета, Мбит/с',
    'registry.field.schoolYear': 'Учебный год',
    'registry.field.lowIncome': 'Доля обучающихся из малообеспеченных семей, %',
    'registry.field.singleParent': 'Доля обучающихся из неполных семей, %',
    'registry.field.parentsHigherEd': 'Доля родителей с высшим образованием, %',
    'registry.field.ovz': 'Доля обучающихся с ОВЗ, %',
    'registry.field.disabled': 'Доля детей-инвалидов, %',
    'registry.field.registered': 'Доля обучающихся на профилактическом учёте, %',
    'registry.field.nonRussian': 'Доля обучающихся, для которых русский язык не родной, %',

    // problems of rows
    'registry.required': 'Не заполнено обязательное поле «{field}».',
    'registry.requiredForNew':
      'Не заполнено поле «{field}»: без него нельзя добавить в реестр новую ОО с кодом «{code}».',
    'registry.tooLong': 'Поле «{field}»: значение длиннее {max} символов.',
    'registry.unknownMunicipality':
      'Поле «{field}»: муниципалитет «{value}» не найден в справочнике (ни по коду, ни по названию).',
    'registry.ambiguousMunicipality':
      'Поле «{field}»: названию «{value}» соответствует несколько муниципалитетов. Укажите код муниципалитета.',
    'registry.notNumber': 'Поле «{field}»: «{value}» не является числом.',
    'registry.notInteger': 'Поле «{field}»: значение «{value}» должно быть целым числом.',
    'registry.outOfRange':
      'Поле «{field}»: значение «{value}» вне допустимого диапазона (от {min} до {max}).',
    'registry.badInn': 'Поле «{field}»: ИНН «{value}» должен состоять из 10 или 12 цифр.',
    'registry.unknownType': 'Поле «{field}»: неизвестный тип ОО «{value}». Допустимые значения: {allowed}.',
    'registry.badLocality':
      'Поле «{field}»: значение «{value}» не распознано. Укажите «городская» или «сельская».',
    'registry.badBoolean': 'Поле «{field}»: значение «{value}» не распознано. Укажите «да» или «нет».',
    'registry.badYear': 'Поле «{field}»: «{value}» не является учебным годом (например, 2023 или 2023/2024).',
    'registry.yearRequired': 'Указаны показатели социального контекста, но не заполнено поле «{field}».',
    'registry.conflict':
      'Поле «{field}»: значение «{value}» расходится со значением «{previous}» в строке {previousRow} для той же ОО (код {code}).',
    'registry.duplicateCode': 'Поле «{field}»: ОО с кодом «{value}» уже указана в строке {previousRow}.',
    'registry.duplicateYear':
      'Поле «{field}»: данные ОО с кодом «{code}» за {value} учебный год уже указаны (лист «{previousSheet}», строка {previousRow}).',
    'registry.unknownParent':
      'Поле «{field}»: основная ОО с кодом «{value}» не найдена ни в файле, ни в реестре.',
    'registry.parentSelf': 'Поле «{field}»: ОО не может быть филиалом самой себя (код «{value}»).',
    'registry.parentIsBranch':
      'Поле «{field}»: ОО с кодом «{value}» сама является филиалом. Укажите код основной организации.',
    'registry.unknownSchool': 'Поле «{field}»: ОО с кодом «{value}» нет ни на листе «{sheet}», ни в реестре.',

    // problems of the file or of the column mapping
    'registry.noRows': 'На листе «{sheet}» нет строк с данными под строкой заголовков.',
    'registry.mapping.noSheet': 'В файле нет листа «{sheet}».',
    'registry.mapping.missingField': 'Не выбран столбец для обязательного поля «{field}».',
    'registry.mapping.duplicateField': 'Поле «{field}» выбрано для нескольких столбцов ({columns}).',
    'registry.mapping.unknownField': 'Столбец {column}: неизвестное поле «{value}».',
    'registry.mapping.unknownIndicator':
      'Столбец {column}: показатель с кодом «{value}» не найден в справочнике региона.',
    'registry.mapping.notContextField':
      'Столбец {column}: поле «{field}» нельзя загружать с листа социального контекста (только код ОО, учебный год и показатели).',
    'registry.mapping.yearRequired':
      'Выбраны столбцы показателей социального контекста, но не выбран столбец «{field}».',
  },
  en: {
    'table.unsupported':
      'The file «{name}» is not a table: upload an Excel workbook (.xlsx) or a CSV text file.',
    'table.legacyXls':
      'The file «{name}» is in the old Excel 97–2003 format (.xls) or is password-protected. Save it as .xlsx without a password, or as CSV, and upload it again.',
    'table.corrupt': 'Could not read the Excel workbook «{name}»: the file is damaged or incomplete.',
    'table.empty': 'The file «{name}» is empty.',
    'table.tooManyRows': 'The sheet «{sheet}» of «{name}» has more than {max} rows. Split the file.',
    'table.csvError': 'Could not parse the CSV file «{name}» (line {line}): check the quotes.',

    'registry.field.code': 'School code',
    'registry.field.municipality': 'Municipality',
    'registry.field.parentCode': 'Main school code (for a branch)',
    'registry.field.inn': 'INN (taxpayer number)',
    'registry.field.fullName': 'Full name',
    'registry.field.shortName': 'Short name',
    'registry.field.type': 'School type',
    'registry.field.locality': 'Urban/rural',
    'registry.field.settlement': 'Settlement',
    'registry.field.address': 'Address',
    'registry.field.isSmall': 'Small school',
    'registry.field.shifts': 'Shifts',
    'registry.field.studentsNoo': 'Students, grades 1–4',
    'registry.field.studentsOoo': 'Students, grades 5–9',
    'registry.field.studentsSoo': 'Students, grades 10–11',
    'registry.field.teachers': 'Teaching staff',
    'registry.field.vacancies': 'Teacher vacancies',
    'registry.field.psychologists': 'Psychologists, staff rates',
    'registry.field.speechTherapists': 'Speech therapists, staff rates',
    'registry.field.defectologists': 'Special-needs teachers, staff rates',
    'registry.field.socialPedagogues': 'Social pedagogues, staff rates',
    'registry.field.internetMbps': 'Internet speed, Mbit/s',
    'registry.field.schoolYear': 'School year',
    'registry.field.lowIncome': 'Students from low-income families, %',
    'registry.field.singleParent': 'Students from single-parent families, %',
    'registry.field.parentsHigherEd': 'Parents with higher education, %',
    'registry.field.ovz': 'Students with special educational needs (ОВЗ), %',
    'registry.field.disabled': 'Disabled children, %',
    'registry.field.registered': 'Students on prevention registers, %',
    'registry.field.nonRussian': 'Students whose home language is not Russian, %',

    'registry.required': 'The required field «{field}» is empty.',
    'registry.requiredForNew':
      '«{field}» is empty: a new school (code «{code}») cannot be added to the registry without it.',
    'registry.tooLong': '«{field}»: the value is longer than {max} characters.',
    'registry.unknownMunicipality':
      '«{field}»: municipality «{value}» not found (neither by code nor by name).',
    'registry.ambiguousMunicipality':
      '«{field}»: several municipalities are named «{value}». Use the municipality code.',
    'registry.notNumber': '«{field}»: «{value}» is not a number.',
    'registry.notInteger': '«{field}»: «{value}» must be a whole number.',
    'registry.outOfRange': '«{field}»: «{value}» is out of range ({min} to {max}).',
    'registry.badInn': '«{field}»: the INN «{value}» must have 10 or 12 digits.',
    'registry.unknownType': '«{field}»: unknown school type «{value}». Allowed: {allowed}.',
    'registry.badLocality':
      '«{field}»: «{value}» not recognised. Use «городская» (urban) or «сельская» (rural).',
    'registry.badBoolean': '«{field}»: «{value}» not recognised. Use «да» (yes) or «нет» (no).',
    'registry.badYear': '«{field}»: «{value}» is not a school year (e.g. 2023 or 2023/2024).',
    'registry.yearRequired': 'Social context values are given but «{field}» is empty.',
    'registry.conflict':
      '«{field}»: «{value}» differs from «{previous}» on row {previousRow} for the same school (code {code}).',
    'registry.duplicateCode': '«{field}»: the school with code «{value}» is already on row {previousRow}.',
    'registry.duplicateYear':
      '«{field}»: data of school «{code}» for the school year {value} are already given (sheet «{previousSheet}», row {previousRow}).',
    'registry.unknownParent':
      '«{field}»: the main school with code «{value}» is neither in the file nor in the registry.',
    'registry.parentSelf': '«{field}»: a school cannot be its own branch (code «{value}»).',
    'registry.parentIsBranch':
      '«{field}»: the school with code «{value}» is itself a branch. Give the main school’s code.',
    'registry.unknownSchool':
      '«{field}»: the school with code «{value}» is neither on sheet «{sheet}» nor in the registry.',

    'registry.noRows': 'The sheet «{sheet}» has no data rows below the header.',
    'registry.mapping.noSheet': 'The file has no sheet «{sheet}».',
    'registry.mapping.missingField': 'No column is chosen for the required field «{field}».',
    'registry.mapping.duplicateField': 'The field «{field}» is chosen for several columns ({columns}).',
    'registry.mapping.unknownField': 'Column {column}: unknown field «{value}».',
    'registry.mapping.unknownIndicator': 'Column {column}: no regional indicator with code «{value}».',
    'registry.mapping.notContextField':
      'Column {column}: «{field}» cannot be loaded from the social context sheet (only school code, school year and indicators).',
    'registry.mapping.yearRequired': 'Social context columns are chosen but no column for «{field}».',
  },
} as const;

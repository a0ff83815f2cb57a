import { Link } from '@tanstack/react-router';
import { useT } from '../../i18n';
import { Badge } from '../../ui/Card';

/** Type badges of a school: urban/rural, small, branch of …. */
export function SchoolBadges({
  type,
  locality,
  isSmall,
  parentId,
  parentName,
}: {
  type?: string;
  locality: 'urban' | 'rural';
  isSmall: boolean;
  parentId: number | null;
  parentName?: string | null;
}) {
  const t = useT();
  return (
    <>
      {type && <Badge tone="blue">{type}</Badge>}
      <Badge tone={locality === 'rural' ? 'green' : 'teal'}>{t(`web.locality.${locality}`)}</Badge>
      {isSmall && <Badge tone="amber">{t('web.school.small')}</Badge>}
      {parentId !== null &&
        (parentName ? (
          <Badge>
            {t('web.school.branchOf')}&nbsp;
            <Link to="/schools/$id" params={{ id: String(parentId) }}>
              {parentName}
            </Link>
          </Badge>
        ) : (
          <Badge>{t('web.school.branch')}</Badge>
        ))}
    </>
  );
}

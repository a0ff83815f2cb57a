import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import type { SchoolCard } from '../../api/types';
import { useT } from '../../i18n';
import { PageHeader } from '../../ui/Card';
import { SchoolBadges } from './SchoolBadges';

export function SchoolHeader({
  school,
  actions,
  title,
}: {
  school: SchoolCard;
  actions?: ReactNode;
  title?: ReactNode;
}) {
  const t = useT();
  return (
    <PageHeader
      crumbs={
        <ol className="crumbs">
          <li>
            <Link to="/registry">{t('web.registry.title')}</Link>
          </li>
          <li>
            <Link to="/registry" search={{ municipalityId: school.municipalityId }}>
              {school.municipalityName}
            </Link>
          </li>
          {title && (
            <li>
              <Link to="/schools/$id" params={{ id: String(school.id) }}>
                {school.shortName}
              </Link>
            </li>
          )}
        </ol>
      }
      title={title ?? school.shortName}
      subtitle={title ? school.shortName : school.fullName}
      badges={
        <>
          <SchoolBadges
            type={school.type}
            locality={school.locality}
            isSmall={school.isSmall}
            parentId={school.parentId}
            parentName={school.parentName}
          />
          {school.branches.length > 0 && (
            <span className="badge">{t('web.school.branchesCount', { count: school.branches.length })}</span>
          )}
        </>
      }
      actions={actions}
    />
  );
}

import { Link, type LinkProps } from '@tanstack/react-router';
import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { Icon, type IconName } from './icons';

export type Variant = 'primary' | 'secondary' | 'ghost' | 'danger';

export function btnClass(variant: Variant = 'secondary', size?: 'sm', iconOnly?: boolean, extra?: string) {
  return [
    'btn',
    variant !== 'secondary' && `btn-${variant}`,
    size && `btn-${size}`,
    iconOnly && 'btn-icon',
    extra,
  ]
    .filter(Boolean)
    .join(' ');
}

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: Variant;
  size?: 'sm';
  icon?: IconName;
  busy?: boolean;
  children?: ReactNode;
};

export function Button({
  variant,
  size,
  icon,
  busy,
  children,
  className,
  type = 'button',
  disabled,
  ...rest
}: ButtonProps) {
  const iconOnly = !children && !!icon;
  return (
    <button
      type={type}
      className={btnClass(variant, size, iconOnly, className)}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy ? (
        <span className="spinner" style={{ width: 14, height: 14, borderWidth: 2 }} aria-hidden />
      ) : (
        icon && <Icon name={icon} size={size ? 15 : 17} />
      )}
      {children}
    </button>
  );
}

/** A router link that looks like a button. */
export function ButtonLink({
  variant,
  size,
  icon,
  children,
  className,
  ...rest
}: LinkProps & {
  variant?: Variant;
  size?: 'sm';
  icon?: IconName;
  className?: string;
  children?: ReactNode;
}) {
  return (
    <Link className={btnClass(variant, size, !children && !!icon, className)} {...rest}>
      {icon && <Icon name={icon} size={size ? 15 : 17} />}
      {children}
    </Link>
  );
}

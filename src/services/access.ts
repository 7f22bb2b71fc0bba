import { Role } from '../auth/roles';
import { Context } from '../context';
import { forbidden, unauthenticated } from '../errors';

/** Throws UNAUTHENTICATED for PUBLIC callers. */
export function requireSignedIn(ctx: Context): void {
  if (ctx.principal.role === Role.PUBLIC) throw unauthenticated();
}

/** Throws unless the caller has one of `roles` (after requireSignedIn). */
export function requireRole(ctx: Context, roles: readonly Role[], action: string): void {
  requireSignedIn(ctx);
  if (!roles.includes(ctx.principal.role)) {
    throw forbidden(`${action} needs one of the roles ${roles.join(', ')}; you are ${ctx.principal.role}.`);
  }
}

/** Throws FORBIDDEN when the caller's role may do this kind of thing, but not to this object. */
export function requireScope(allowed: boolean, message: string): void {
  if (!allowed) throw forbidden(message);
}

export function hasRole(ctx: Context, ...roles: Role[]): boolean {
  return roles.includes(ctx.principal.role);
}

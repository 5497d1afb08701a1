// Which project a project-scoped command is about: the argument (name or ID, resolved through
// Keystone only when it is not already an ID), else the project the token is scoped to.
import type { Context } from '../../framework/context.js';
import { UsageError } from '../../framework/errors.js';
import { getSession } from '../../auth/session.js';
import { findProject } from './keystone.js';

export async function targetProject(ctx: Context, ref: string | undefined): Promise<string> {
  if (ref === undefined) {
    const id = (await getSession(ctx)).record?.identity.projectId;
    if (!id) throw new UsageError('this token is not scoped to a project', { hint: 'name the project: storctl quota show PROJECT' });
    return id;
  }
  const session = await getSession(ctx);
  const identity = session.record?.identity;
  if (ref === identity?.projectId) return ref;
  if (ref === identity?.project) return identity.projectId ?? ref;
  return (await findProject(ctx, ref)).id;
}

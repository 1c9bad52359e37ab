/** The signed-in person behind a request, as the guard established it. */
export interface Actor {
  readonly userId: string;
  readonly organisationId: string;
  readonly roles: readonly string[];
  readonly sessionId: string;
}

/**
 * Who is asking and under which correlation id. It is the first argument of every service method
 * that acts for someone (CONTRIBUTING.md, "Explicit context, one transaction per mutation").
 */
export class RequestContext {
  constructor(
    readonly correlationId: string,
    readonly actor?: Actor,
    readonly clientAddress?: string,
  ) {}

  /** A context for work the node does on its own behalf (CLI, start-up, workers). */
  static system(correlationId: string): RequestContext {
    return new RequestContext(correlationId);
  }

  /** The same request acting as `actor` (e.g. the moment a user signs in). */
  withActor(actor: Actor): RequestContext {
    return new RequestContext(this.correlationId, actor, this.clientAddress);
  }

  /** The actor, or an error when there is none (guards make this unreachable for signed-in routes). */
  requireActor(): Actor {
    if (!this.actor) throw new Error('This operation needs a signed-in user');
    return this.actor;
  }
}

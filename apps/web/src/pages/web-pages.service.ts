import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { NODE_INFO, type Me, type NodeInfo } from '../graphql/operations';
import { WebApi } from '../graphql/web-api.service';
import { type Layout, Pages } from '../render/pages.service';
import { Csrf } from '../security/csrf.service';
import { WebSession } from '../session/web-session.service';
import { WebProblem } from './web-problem';

/** What the page controllers share: the layout of a page, sign-in redirects. */
@Injectable()
export class WebPages {
  constructor(
    readonly api: WebApi,
    readonly session: WebSession,
    readonly csrf: Csrf,
    readonly pages: Pages,
  ) {}

  /** The layout of a page for someone not signed in (the organisation comes from `nodeInfo`). */
  async signedOutLayout(req: Request, res: Response): Promise<Layout> {
    const result = await this.api.execute(req, res, NODE_INFO, {});
    if (!result.ok) throw new WebProblem(result.errors[0]);
    return {
      organisationName: result.data.nodeInfo.organisationName,
      csrfToken: this.csrf.token(req, res),
    };
  }

  /** The layout of a signed-in page. */
  signedInLayout(req: Request, res: Response, nodeInfo: NodeInfo, me: Me): Layout {
    return {
      organisationName: nodeInfo.organisationName,
      me,
      csrfToken: this.csrf.token(req, res),
    };
  }

  /** Sends someone who is not signed in to the sign-in page, to come back here afterwards. */
  toSignIn(req: Request, res: Response): void {
    const next = req.originalUrl === '/' ? '' : `?next=${encodeURIComponent(req.originalUrl)}`;
    res.redirect(303, `/sign-in${next}`);
  }
}

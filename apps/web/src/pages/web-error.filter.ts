import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request, Response } from 'express';
import { LAYOUT, NODE_INFO } from '../graphql/operations';
import type { Layout } from '../render/pages.service';
import { WebPages } from './web-pages.service';
import { WebProblem } from './web-problem';

interface ErrorPage {
  readonly title: string;
  readonly paragraphs: readonly string[];
}

const PAGES: Record<number, ErrorPage> = {
  403: {
    title: 'You cannot see this page',
    paragraphs: [
      'Your account does not give you access to it. Ask your quality lead if you need it.',
    ],
  },
  404: {
    title: 'Page not found',
    paragraphs: [
      'If you typed the web address, check it was correct.',
      'If you pasted the web address, check you copied the entire address.',
    ],
  },
  429: {
    title: 'Too many requests',
    paragraphs: ['Wait a minute, then try again.'],
  },
  500: {
    title: 'Sorry, there is a problem with the service',
    paragraphs: ['Try again later.'],
  },
};

/**
 * Renders an NHS-style error page (404, 403, 429, 500) for a web page request; never throws.
 * Shows the signed-in header when the browser's session still works.
 */
@Injectable()
export class ErrorPages {
  private readonly logger = new Logger('web');

  constructor(private readonly web: WebPages) {}

  async render(req: Request, res: Response, status: number, reference?: string): Promise<void> {
    const page = PAGES[status] ?? PAGES[500];
    try {
      this.web.pages.render(
        req,
        res,
        'error.njk',
        await this.layout(req, res),
        {
          ...page,
          reference,
        },
        status,
      );
    } catch (error) {
      this.logger.error({ err: error }, 'could not render an error page');
      if (!res.headersSent) res.status(status).type('text').send(page.title);
    }
  }

  private async layout(req: Request, res: Response): Promise<Layout> {
    if (this.web.session.tokens(req)) {
      const call = await this.web.session.call(req, res, LAYOUT, {});
      if (call.signedIn && call.result.ok) {
        const { nodeInfo, me } = call.result.data;
        return this.web.signedInLayout(req, res, nodeInfo, me);
      }
    }
    const info = await this.web.api.execute(req, res, NODE_INFO, {});
    return { organisationName: info.ok ? info.data.nodeInfo.organisationName : 'Lessons Network' };
  }
}

/** Every failure of a web page: an NHS error page, never JSON or a stack trace. */
@Catch()
@Injectable()
export class WebPageFilter implements ExceptionFilter {
  private readonly logger = new Logger('web');

  constructor(private readonly errors: ErrorPages) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const req = host.switchToHttp().getRequest<Request & { id?: unknown }>();
    const res = host.switchToHttp().getResponse<Response>();
    let status = 500;
    if (exception instanceof WebProblem) status = exception.status;
    else if (exception instanceof HttpException && exception.getStatus() < 500)
      status = exception.getStatus();
    if (status === 500) {
      this.logger.error(
        { err: exception, correlationId: req.id },
        'unexpected error on a web page',
      );
    }
    const reference = status === 500 && typeof req.id === 'string' ? req.id : undefined;
    await this.errors.render(req, res, status, reference);
  }
}

/**
 * Unknown paths: a browser asking for a page gets the NHS "Page not found" page; API clients
 * (JSON, feeds, federation) keep Nest's JSON 404.
 */
@Catch(NotFoundException)
@Injectable()
export class NotFoundPageFilter extends BaseExceptionFilter {
  constructor(private readonly errors: ErrorPages) {
    super();
  }

  override catch(exception: NotFoundException, host: ArgumentsHost): void {
    if (host.getType<string>() === 'http') {
      const req = host.switchToHttp().getRequest<Request>();
      const res = host.switchToHttp().getResponse<Response>();
      const wantsPage =
        (req.method === 'GET' || req.method === 'HEAD') && req.accepts(['json', 'html']) === 'html';
      if (wantsPage) {
        void this.errors.render(req, res, 404);
        return;
      }
    }
    super.catch(exception, host);
  }
}

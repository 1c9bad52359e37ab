import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import cookieParser from 'cookie-parser';
import { urlencoded } from 'express';
import { AssetsController } from './assets/assets.controller';
import { WebApi } from './graphql/web-api.service';
import { HomeController } from './pages/home.controller';
import { InvitationController } from './pages/invitation.controller';
import { LessonPageController } from './pages/lesson-page.controller';
import { SignInController } from './pages/sign-in.controller';
import { ErrorPages, NotFoundPageFilter, WebPageFilter } from './pages/web-error.filter';
import { WebPages } from './pages/web-pages.service';
import { Pages } from './render/pages.service';
import { CsrfMiddleware } from './security/csrf.middleware';
import { Csrf } from './security/csrf.service';
import { WebSession } from './session/web-session.service';

/** Largest web form accepted (a form of text fields). */
export const MAX_FORM_BODY = '64kb';

const PAGE_CONTROLLERS = [
  SignInController,
  InvitationController,
  HomeController,
  LessonPageController,
];

/**
 * The web UI (decision 0009): server-rendered NHS.UK pages at `/`, served by the node itself. Pages
 * read and write only through the node's GraphQL API ({@link WebApi}); the browser holds its
 * session in an httpOnly cookie, and every form carries a CSRF token.
 */
@Module({
  controllers: [AssetsController, ...PAGE_CONTROLLERS],
  providers: [
    WebApi,
    WebSession,
    Csrf,
    Pages,
    WebPages,
    ErrorPages,
    WebPageFilter,
    { provide: APP_FILTER, useClass: NotFoundPageFilter },
  ],
})
export class WebModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(cookieParser(), urlencoded({ extended: false, limit: MAX_FORM_BODY }), CsrfMiddleware)
      .forRoutes(...PAGE_CONTROLLERS);
  }
}

import { Controller, Get, Post, Req, Res, UseFilters } from '@nestjs/common';
import { Public } from '@lessons-network/identity';
import type { Request, Response } from 'express';
import { SIGN_IN } from '../graphql/operations';
import { safeReturnPath } from '../session/session-cookie';
import { formField } from './form-body';
import { fieldError, type FormErrors, noErrors, signInErrors } from './messages';
import { WebPageFilter } from './web-error.filter';
import { WebPages } from './web-pages.service';

/** Sign in (the `signIn` mutation) and sign out (`signOut`). */
@Public()
@UseFilters(WebPageFilter)
@Controller()
export class SignInController {
  constructor(private readonly web: WebPages) {}

  @Get('sign-in')
  async page(@Req() req: Request, @Res() res: Response): Promise<void> {
    const next = safeReturnPath(req.query.next);
    if (this.web.session.tokens(req)) return res.redirect(303, next);
    const notice =
      req.query.signedOut === '1'
        ? 'You have signed out.'
        : req.query.passwordSet === '1'
          ? 'Your password is set. Sign in with it.'
          : undefined;
    await this.show(req, res, { next, notice, email: '', errors: noErrors() });
  }

  @Post('sign-in')
  async signIn(@Req() req: Request, @Res() res: Response): Promise<void> {
    const email = formField(req, 'email').trim();
    const password = formField(req, 'password');
    const next = safeReturnPath(formField(req, 'next'));
    const errors = noErrors();
    if (!email) fieldError(errors, 'email', 'email', 'Enter your email address');
    if (!password) fieldError(errors, 'password', 'password', 'Enter your password');
    if (errors.summary.length) return this.show(req, res, { next, email, errors }, 400);

    const result = await this.web.api.execute(req, res, SIGN_IN, { email, password });
    if (!result.ok) {
      const status = result.errors[0].code === 'TOO_MANY_ATTEMPTS' ? 429 : 401;
      return this.show(req, res, { next, email, errors: signInErrors(result.errors[0]) }, status);
    }
    this.web.session.establish(res, result.data.signIn);
    res.redirect(303, next);
  }

  @Post('sign-out')
  async signOut(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.web.session.signOut(req, res);
    res.redirect(303, '/sign-in?signedOut=1');
  }

  private async show(
    req: Request,
    res: Response,
    form: { next: string; email: string; errors: FormErrors; notice?: string },
    status = 200,
  ): Promise<void> {
    const layout = await this.web.signedOutLayout(req, res);
    this.web.pages.render(
      req,
      res,
      'sign-in.njk',
      layout,
      {
        next: form.next === '/' ? '' : form.next,
        email: form.email,
        notice: form.notice,
        errors: form.errors.summary,
        fieldErrors: form.errors.fields,
      },
      status,
    );
  }
}

import { Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { Public } from '@lessons-network/identity';
import type { Request, Response } from 'express';
import { ACCEPT_INVITATION, SIGN_IN } from '../graphql/operations';
import { formField } from './form-body';
import { fieldError, type FormErrors, invitationErrors, noErrors, PASSWORD_HINT } from './messages';
import { WebPageFilter } from './web-error.filter';
import { WebPages } from './web-pages.service';
import { WebProblem } from './web-problem';

/** Invitation and password-reset links carry a 256-bit token in base64url. */
const TOKEN = /^[A-Za-z0-9_-]{16,256}$/;

/**
 * The page behind the link `createUser` and `reissueInvitation` return
 * (`BASE_URL/invitations/<token>`): the person sets their password (`acceptInvitation`) and is
 * signed in. The form posts the token in its body, so it is in no URL the node logs.
 */
@Public()
@UseFilters(WebPageFilter)
@Controller('invitations')
export class InvitationController {
  constructor(private readonly web: WebPages) {}

  @Get(':token')
  async page(
    @Req() req: Request,
    @Res() res: Response,
    @Param('token') token: string,
  ): Promise<void> {
    if (!TOKEN.test(token)) throw new WebProblem({ code: 'NOT_FOUND', message: 'No such link' });
    await this.show(req, res, token, noErrors());
  }

  @Post()
  async accept(@Req() req: Request, @Res() res: Response): Promise<void> {
    const token = formField(req, 'token');
    const password = formField(req, 'password');
    const confirmPassword = formField(req, 'confirmPassword');
    const errors = noErrors();
    if (!password) fieldError(errors, 'password', 'password', 'Enter a password');
    else if (password !== confirmPassword)
      fieldError(
        errors,
        'confirmPassword',
        'confirm-password',
        'Enter the same password in both fields',
      );
    if (errors.summary.length) return this.show(req, res, token, errors, 400);

    const accepted = await this.web.api.execute(req, res, ACCEPT_INVITATION, { token, password });
    if (!accepted.ok) {
      const status = accepted.errors[0].code === 'TOO_MANY_ATTEMPTS' ? 429 : 400;
      return this.show(req, res, token, invitationErrors(accepted.errors[0]), status);
    }
    // Whoever was signed in in this browser before is signed out: the link is someone's own.
    await this.web.session.signOut(req, res);
    const email = accepted.data.acceptInvitation.email;
    const signedIn = await this.web.api.execute(req, res, SIGN_IN, { email, password });
    if (!signedIn.ok) return res.redirect(303, '/sign-in?passwordSet=1');
    this.web.session.establish(res, signedIn.data.signIn);
    res.redirect(303, '/?passwordSet=1');
  }

  private async show(
    req: Request,
    res: Response,
    token: string,
    errors: FormErrors,
    status = 200,
  ): Promise<void> {
    const layout = await this.web.signedOutLayout(req, res);
    this.web.pages.render(
      req,
      res,
      'invitation.njk',
      layout,
      { token, policy: PASSWORD_HINT, errors: errors.summary, fieldErrors: errors.fields },
      status,
    );
  }
}

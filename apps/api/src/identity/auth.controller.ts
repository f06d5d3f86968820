import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  AcceptInvitationCommand, ChangePasswordCommand, FirstManager, IdentityStreams, RequestPasswordResetCommand, ResetPasswordCommand,
  SignInCommand, SignOutCommand, invitationFor, type SignInOutcome,
} from '#identity';
import {
  ApiProblems, CurrentPrincipal, CurrentRequestContext, PLATFORM_CONFIG, Public, type HttpRequest, type HttpResponse, type PlatformConfig,
  type Principal, type RequestContext, ApiPublicProblems,
} from '#platform';
import { SignInThrottle } from './auth-throttle.js';
import { clientInfoOf } from './client-info.js';
import {
  ChangePasswordRequestDto, FirstManagerRequestDto, NewPasswordRequestDto, PasswordResetRequestDto, SignInRequestDto, TokenRequestDto,
} from './dto/identity.request.dto.js';
import { IdentitySessions } from './identity-sessions.js';
import { sessionBody, setSessionCookie, type SessionBody } from './session-cookie.js';
import { FirstManagerPendingDto, InvitationDetailsDto, PasswordChangedDto, PasswordResetDoneDto, PasswordResetRequestedDto, SessionDto, SignedOutDto } from './dto/identity.response.dto.js';

/** Browser sign-in and everything around it; the session travels in an httpOnly cookie, writes carry X-CSRF-Token. */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('auth')
export class AuthController {
  constructor(
    private readonly commands: CommandBus,
    private readonly streams: IdentityStreams,
    private readonly firstManager: FirstManager,
    private readonly sessions: IdentitySessions,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  private started(response: HttpResponse, outcome: SignInOutcome): SessionBody {
    setSessionCookie(response, this.config, outcome);
    return sessionBody(outcome);
  }

  @ApiResponse({ status: 200, type: SessionDto })
  @Post('sign-in') @Public() @SignInThrottle() @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with e-mail and password; sets the session cookie (every attempt is recorded)' })
  @ApiProblems(400, 401)
  async signIn(@Body() body: SignInRequestDto, @Req() request: HttpRequest, @CurrentRequestContext() context: RequestContext, @Res({ passthrough: true }) response: HttpResponse) {
    return this.started(response, await this.commands.execute(new SignInCommand(body.email, body.password, clientInfoOf(request), context)));
  }

  @ApiResponse({ status: 200, type: SignedOutDto })
  @Post('sign-out') @HttpCode(200)
  @ApiOperation({ summary: 'End this browser session (recorded) and clear the cookie' })
  @ApiProblems(403)
  async signOut(@CurrentPrincipal() caller: Principal, @CurrentRequestContext() context: RequestContext, @Res({ passthrough: true }) response: HttpResponse) {
    await this.commands.execute(new SignOutCommand(caller, context));
    setSessionCookie(response, this.config, undefined);
    return { signedOut: true };
  }

  @Get('session')
  @ApiOperation({ summary: 'Who is signed in, with the CSRF token the session\'s writes must send (null for bearer callers)' })
  @ApiResponse({ status: 200, type: SessionDto })
  @ApiProblems()
  session(@CurrentPrincipal() caller: Principal): SessionBody {
    return this.sessions.describe(caller);
  }

  @ApiResponse({ status: 200, type: PasswordChangedDto })
  @Post('password') @HttpCode(200)
  @ApiOperation({ summary: 'Change one\'s own password (every session of the user ends, this one too)' })
  @ApiProblems(400, 422)
  async changePassword(@Body() body: ChangePasswordRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() context: RequestContext) {
    await this.commands.execute(new ChangePasswordCommand(caller, body.currentPassword, body.newPassword, context));
    return { changed: true };
  }

  @ApiResponse({ status: 202, type: PasswordResetRequestedDto })
  @Post('password-resets') @Public() @SignInThrottle() @HttpCode(202)
  @ApiOperation({ summary: 'Ask for a reset link by e-mail; the answer is the same whether or not the address is known' })
  @ApiPublicProblems(400, 429)
  async requestReset(@Body() body: PasswordResetRequestDto, @CurrentRequestContext() context: RequestContext) {
    await this.commands.execute(new RequestPasswordResetCommand(body.email, context));
    return { requested: true };
  }

  @ApiResponse({ status: 200, type: PasswordResetDoneDto })
  @Post('password-resets/complete') @Public() @SignInThrottle() @HttpCode(200)
  @ApiOperation({ summary: 'Choose a new password with the link\'s token; every session of the user ends' })
  @ApiProblems(400, 422)
  async completeReset(@Body() body: NewPasswordRequestDto, @CurrentRequestContext() context: RequestContext) {
    await this.commands.execute(new ResetPasswordCommand(body.token, body.password, context));
    return { reset: true };
  }

  @ApiResponse({ status: 200, type: InvitationDetailsDto })
  @Post('invitations/inspect') @Public() @SignInThrottle() @HttpCode(200)
  @ApiOperation({ summary: 'Whom an invitation link is for (before the password is chosen)' })
  @ApiProblems(400, 422)
  async inspectInvitation(@Body() body: TokenRequestDto) {
    const { name, email, role } = await invitationFor(this.streams, body.token);
    return { name, email, role };
  }

  @ApiResponse({ status: 200, type: SessionDto })
  @Post('invitations/accept') @Public() @SignInThrottle() @HttpCode(200)
  @ApiOperation({ summary: 'Accept an invitation: set the password and start a session' })
  @ApiProblems(400, 422)
  async acceptInvitation(@Body() body: NewPasswordRequestDto, @Req() request: HttpRequest, @CurrentRequestContext() context: RequestContext, @Res({ passthrough: true }) response: HttpResponse) {
    return this.started(response, await this.commands.execute(new AcceptInvitationCommand(body.token, body.password, clientInfoOf(request), context)));
  }

  @ApiResponse({ status: 200, type: FirstManagerPendingDto })
  @Get('first-manager') @Public()
  @ApiOperation({ summary: 'Whether the installation still waits for its first manager' })
  @ApiPublicProblems(400, 429)
  async firstManagerPending() {
    return { pending: await this.firstManager.pending() };
  }

  @ApiResponse({ status: 200, type: SessionDto })
  @Post('first-manager') @Public() @SignInThrottle() @HttpCode(200)
  @ApiOperation({ summary: 'Create the first manager with the one-time link printed by `npm start`' })
  @ApiProblems(400, 422)
  async createFirstManager(@Body() body: FirstManagerRequestDto, @Req() request: HttpRequest, @CurrentRequestContext() context: RequestContext, @Res({ passthrough: true }) response: HttpResponse) {
    return this.started(response, await this.firstManager.redeem(body, clientInfoOf(request), context));
  }
}

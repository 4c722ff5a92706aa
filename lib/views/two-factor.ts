// What a person sees to set up an authenticator: shown once, never stored in the clear.

export interface TwoFactorSetup {
  secret: string;
  uri: string;
  qrSvg: string;
}

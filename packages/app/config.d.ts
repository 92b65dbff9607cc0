export interface Config {
  app?: {
    signIn?: {
      /**
       * The sign-in choices of the portal's sign-in page, in order: `guest` (the local demo) and `github`
       * (production). Each needs its provider configured in auth.providers. Defaults to [guest].
       * @visibility frontend
       */
      providers?: string[];
    };
  };
}

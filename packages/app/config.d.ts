export interface Config {
  auth?: {
    providers?: {
      /**
       * People of the demo world one may sign in as on a local portal, so that both a
       * developer's and an approver's side can be tried without an identity provider. Leave
       * out in production.
       */
      demoPersona?: {
        personas?: Array<{
          /**
           * The catalog User's name (namespace default).
           * @visibility frontend
           */
          name: string;
          /**
           * How the sign-in page names them, e.g. "Pat (Platform team)".
           * @visibility frontend
           */
          title: string;
          /**
           * What this persona is for in the demo.
           * @visibility frontend
           */
          description?: string;
        }>;
        /** Allow the personas outside NODE_ENV=development (never for a real portal). */
        dangerouslyAllowOutsideDevelopment?: boolean;
      };
    };
  };
}

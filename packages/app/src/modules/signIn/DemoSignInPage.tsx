import { Suspense, useState } from 'react';
import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  ProxiedSignInPage,
  SignInPage,
} from '@backstage/core-components';
import { configApiRef, IdentityApi, useApi } from '@backstage/core-plugin-api';
import type { SignInPageProps } from '@backstage/plugin-app-react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { chosenPersona, Persona, readPersonas } from './personas';

/** Signing out forgets the persona, so the next visit offers the choice again. */
export function forgettingPersonaOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      chosenPersona.clear();
      await identity.signOut();
    },
  };
}

function PersonaChoice(props: {
  personas: Persona[];
  onChoose: (name: string) => void;
}) {
  return (
    <Page themeId="home">
      <Header
        title="Sign in to the demo portal"
        subtitle="Pick who you are: each person sees what their role allows"
      />
      <Content>
        <Grid container spacing={3}>
          {props.personas.map(persona => (
            <Grid item xs={12} sm={6} md={4} key={persona.name}>
              <InfoCard title={persona.title}>
                <Typography variant="body2" paragraph>
                  {persona.description ?? `user:default/${persona.name}`}
                </Typography>
                <Button
                  variant="contained"
                  color="primary"
                  onClick={() => props.onChoose(persona.name)}
                >
                  Sign in as {persona.title}
                </Button>
              </InfoCard>
            </Grid>
          ))}
        </Grid>
      </Content>
    </Page>
  );
}

/**
 * The demo's sign-in page: a choice of the demo world's people (from
 * `auth.providers.demoPersona.personas`), signed in through the backend's persona provider.
 * Without personas configured it is the standard guest sign-in.
 */
export function DemoSignInPage(props: SignInPageProps) {
  const personas = readPersonas(useApi(configApiRef));
  const [chosen, setChosen] = useState(chosenPersona.get);

  // The standard pages load parts lazily; without a boundary of our own the whole app would
  // wait on them.
  if (personas.length === 0) {
    return (
      <Suspense fallback={<Progress />}>
        <SignInPage {...props} providers={['guest']} />
      </Suspense>
    );
  }
  if (!chosen || !personas.some(persona => persona.name === chosen)) {
    return (
      <PersonaChoice
        personas={personas}
        onChoose={name => {
          chosenPersona.set(name);
          setChosen(name);
        }}
      />
    );
  }
  return (
    <Suspense fallback={<Progress />}>
      <ProxiedSignInPage
        {...props}
        provider="demoPersona"
        headers={{ 'x-demo-persona': chosen }}
        onSignInSuccess={identity =>
          props.onSignInSuccess(forgettingPersonaOnSignOut(identity))
        }
      />
    </Suspense>
  );
}

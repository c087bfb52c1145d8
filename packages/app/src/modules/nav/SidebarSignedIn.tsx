import { SidebarItem } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import AccountCircleIcon from '@material-ui/icons/AccountCircle';
import ExitToAppIcon from '@material-ui/icons/ExitToApp';
import { useEffect, useState } from 'react';

interface SignedIn {
  name: string;
  /** The person's catalog page. */
  href?: string;
}

/** `user:default/olivia-orders` → its catalog page, as the catalog routes entities. */
function catalogPageOf(userEntityRef: string): string | undefined {
  const match = /^user:([^/]+)\/(.+)$/i.exec(userEntityRef);
  return match
    ? `/catalog/${encodeURIComponent(match[1])}/user/${encodeURIComponent(
        match[2],
      )}`
    : undefined;
}

/**
 * Who is signed in, linked to their catalog page, and a way to sign out, at the foot of the
 * sidebar: in the demo one switches between people often, and the settings page's menu hides
 * signing out.
 */
export function SidebarSignedIn() {
  const identityApi = useApi(identityApiRef);
  const [signedIn, setSignedIn] = useState<SignedIn>();

  useEffect(() => {
    let cancelled = false;
    Promise.all([
      identityApi.getProfileInfo(),
      identityApi.getBackstageIdentity(),
    ])
      .then(([profile, identity]) => {
        if (cancelled) return;
        const userName = identity.userEntityRef.split('/').pop();
        setSignedIn({
          name: profile.displayName ?? userName ?? identity.userEntityRef,
          href: catalogPageOf(identity.userEntityRef),
        });
      })
      // Without an identity there is no one to name; signing out still works.
      .catch(() => setSignedIn(undefined));
    return () => {
      cancelled = true;
    };
  }, [identityApi]);

  return (
    <>
      {signedIn && (
        <SidebarItem
          icon={AccountCircleIcon}
          text={signedIn.name}
          to={signedIn.href ?? '/settings'}
          aria-label={`Signed in as ${signedIn.name}`}
          // The sidebar cuts long names short; the whole name shows on hover.
          title={`Signed in as ${signedIn.name}`}
        />
      )}
      <SidebarItem
        icon={ExitToAppIcon}
        text="Sign out"
        onClick={() => identityApi.signOut()}
      />
    </>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { remoteImagesAllowed, setRemoteImages } from './remote-images';

/**
 * The remembered "Load remote images" choice for `site`, and a setter that stores it. `allowed` is
 * false until storage has answered, so a page is never shown with remote loads by mistake.
 */
export function useRemoteImages(site: string | undefined): { allowed: boolean; ready: boolean; set: (allowed: boolean) => void } {
  const [state, setState] = useState<{ site: string | undefined; allowed: boolean; ready: boolean }>({ site, allowed: false, ready: false });
  useEffect(() => {
    let live = true;
    setState({ site, allowed: false, ready: site === undefined });
    if (site !== undefined) {
      void remoteImagesAllowed(site).then((allowed) => live && setState({ site, allowed, ready: true }));
    }
    return () => {
      live = false;
    };
  }, [site]);
  const current = state.site === site ? state : { site, allowed: false, ready: false };
  return {
    allowed: current.allowed,
    ready: current.ready,
    set: (allowed) => {
      if (site === undefined) return;
      setState({ site, allowed, ready: true });
      void setRemoteImages(site, allowed).catch((e: unknown) => console.error('Scrape Queue: could not save the remote images choice', e));
    },
  };
}

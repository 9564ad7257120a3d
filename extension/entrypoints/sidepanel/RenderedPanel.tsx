import { useMemo } from 'preact/hooks';
import type { ScrapeRecord } from '@@/shared/schemas/job';
import { siteOf } from '@/lib/render/remote-images';
import { renderSrcdoc } from '@/lib/render/srcdoc';
import { useRemoteImages } from '@/lib/render/use-remote-images';

export interface RecordProps {
  record: ScrapeRecord;
}

const isWebLink = (url: string): boolean => /^https?:\/\//i.test(url);

/** An LLM answer as text plus its sources as links (http(s) only). */
export function Answer({ answer }: { answer: NonNullable<ScrapeRecord['answer']> }) {
  return (
    <div class="answer">
      <pre class="answer-text">{answer.markdown ?? answer.text}</pre>
      {answer.sources.length > 0 && (
        <>
          <h2>Sources</h2>
          <ol class="sources">
            {answer.sources.map((source, i) => (
              <li key={i}>
                {isWebLink(source.url) ? (
                  <a href={source.url} target="_blank" rel="noreferrer">
                    {source.title ?? source.url}
                  </a>
                ) : (
                  source.title ?? source.url
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}

/**
 * The page as scraped, in an iframe with an EMPTY sandbox: no scripts, no forms, no popups and a
 * unique opaque origin, so scraped HTML can never run in the extension's origin. A CSP in front of
 * the markup keeps it from loading anything remote (the user's IP would reach the site) unless the
 * user turns on remote images for the record's site.
 */
export function RenderedPanel({ record }: RecordProps) {
  if (record.answer) return <Answer answer={record.answer} />;
  if (record.html) return <RenderedHtml record={record} html={record.html} />;
  const text = record.markdown ?? record.text;
  if (text) {
    return (
      <>
        <p class="muted">No HTML in this record; its text:</p>
        <pre>{text}</pre>
      </>
    );
  }
  return <p class="muted">Nothing to render: this record has no HTML or text{record.data !== undefined ? ' (see JSON)' : ''}.</p>;
}

function RenderedHtml({ record, html }: RecordProps & { html: string }) {
  const pageUrl = record.finalUrl ?? record.url;
  const site = siteOf(pageUrl);
  const remote = useRemoteImages(site);
  // Pages can be megabytes: rewrite once per record and choice, not on every render.
  const srcdoc = useMemo(() => renderSrcdoc(html, { remoteImages: remote.allowed, baseHref: pageUrl }), [html, remote.allowed, pageUrl]);
  return (
    <>
      {site !== undefined && (
        <p class="remote-images">
          <label class="check">
            <input type="checkbox" checked={remote.allowed} disabled={!remote.ready} onChange={(e) => remote.set(e.currentTarget.checked)} />
            Load remote images
          </label>{' '}
          <span class="muted">(remembered for {site}; images tell their hosts your IP address)</span>
        </p>
      )}
      {/* A fresh iframe per record and choice: changing srcdoc on a frame still loading can leave it blank. */}
      <iframe
        key={`${record.url}|${String(remote.allowed)}`}
        class="rendered"
        title="Rendered page"
        sandbox=""
        srcdoc={srcdoc}
      />
    </>
  );
}

import type { ScrapeRecord } from '@@/shared/schemas/job';

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
 * unique opaque origin, so scraped HTML can never run in the extension's origin.
 */
export function RenderedPanel({ record }: RecordProps) {
  if (record.answer) return <Answer answer={record.answer} />;
  // A fresh iframe per record: changing srcdoc on a frame still loading can leave it blank.
  if (record.html) return <iframe key={record.url} class="rendered" title="Rendered page" sandbox="" srcdoc={record.html} />;
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

import { OptionsLink } from '@/lib/ui/OptionsLink';

/** The job list before the first job: the three ways to start. */
export function GettingStarted() {
  return (
    <section class="getting-started" aria-labelledby="getting-started-heading">
      <h2 id="getting-started-heading">No jobs yet: three ways to start</h2>
      <ol>
        <li>
          <strong>Paste</strong> URLs, a list or any text with links above, then press <strong>Queue</strong>.
        </li>
        <li>
          <strong>Right-click</strong> a page, a link or a selection of links and choose <strong>Scrape…</strong>.
        </li>
        <li>
          Press <strong>Scrape current tab</strong> to keep the page you are on, as you see it.
        </li>
      </ol>
      <p class="muted">
        “This browser” needs no account. To use a scraping API, add its key in <OptionsLink text="Options" />.
      </p>
    </section>
  );
}

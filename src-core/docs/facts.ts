// Citations of the agent facts the project relies on (docs/agent-facts.md, organised by section: `§3.11`). The
// catalogue's `source` fields hold the sections; these turn them into links on the generated pages and into
// plain text where no link can be followed (hover, messages).

/** The page, relative to the repository (and to the installed extension). */
export const AGENT_FACTS_PAGE = 'docs/agent-facts.md';

const SECTION = /§(\d+(?:\.\d+)?)/g;

/** `§3.11` -> `s3-11`, the anchor docs/agent-facts.md puts before each section's heading. */
export function factsAnchor(section: string): string {
  return `s${section.replace(/^§/, '').replace(/\./g, '-')}`;
}

/** Every `§x.y` of a citation as a Markdown link into agent-facts.md, relative to a page in docs/. */
export function factsLinks(citation: string): string {
  return citation.replace(SECTION, (m) => `[${m}](agent-facts.md#${factsAnchor(m)})`);
}

/** A citation as plain text that names the page: `docs/agent-facts.md §1.2, §1.4`. */
export function factsText(citation: string): string {
  return `${AGENT_FACTS_PAGE} ${citation}`;
}

/** The sections a citation names (`§1.3 rule 11` -> ['1.3']). */
export function factsSections(citation: string): string[] {
  return [...citation.matchAll(SECTION)].map((m) => m[1]);
}

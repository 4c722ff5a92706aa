/** An update's body as readers see it: HTML that lib/markdown.ts rendered and sanitised. */
export function UpdateBody({ html }: { html: string }) {
  return <div className="prose-update mt-1" dangerouslySetInnerHTML={{ __html: html }} />;
}

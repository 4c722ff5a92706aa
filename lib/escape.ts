/**
 * Text made safe between tags and inside quoted attributes of HTML, SVG and XML:
 * control characters XML forbids are dropped, and & < > " ' become numeric references.
 */
export function escapeMarkup(value: string): string {
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "").replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Services and their groups as the admin edits them, hidden ones included. */
export interface CatalogView {
  groups: { id: string; name: string; description: string }[];
  services: { id: string; name: string; slug: string; description: string; groupId: string | null; hidden: boolean }[];
}

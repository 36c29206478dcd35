// The staff settings screens' hot paths in bench/run.ts (issue 15): the landing editor's live
// preview (posted on every pause in typing) and calls made with an API key instead of a session.

/** What the editor posts: a changed title, colours and template over the saved page. */
export const PREVIEW_DRAFT = {
  templateId: 'center_small',
  primaryColor: '#1F4BD8',
  secondaryColor: '#F2A900',
  pageTitle: 'Language Academy: learn with us this autumn',
  pageSubtitle: 'Small groups, real conversation, teachers who care.',
  ctaText: 'See the classes',
} as const;

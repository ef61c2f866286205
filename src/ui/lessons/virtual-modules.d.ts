/** The lessons, checked and served by `src/lessons/vite-plugin.ts` at build time. */
declare module 'virtual:exitlab/lessons-index' {
  const index: import('../../lessons/schema').LessonSummary[];
  export default index;
}

declare module 'virtual:exitlab/lessons-content' {
  const content: import('../../lessons/schema').LessonContent[];
  export default content;
}

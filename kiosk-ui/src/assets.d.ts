/** SVG files imported by the UI: Vite gives their URL (small ones inlined as data: URLs, which the page's CSP allows for images). */
declare module '*.svg' {
  const url: string;
  export default url;
}

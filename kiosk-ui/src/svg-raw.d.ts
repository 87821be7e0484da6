/** An SVG imported with Vite's `?raw` suffix: the file's text, inlined into the bundle (the icons ship with the app, no font glyphs). */
declare module '*.svg?raw' {
  const text: string;
  export default text;
}

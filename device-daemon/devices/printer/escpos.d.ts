// Types for the part of `escpos` 2.5.2 we use, its command table (it ships no types; @types/escpos
// is not installed and describes the Printer class, which receipt-writer.ts does not load).
declare module 'escpos/commands' {
  /** escpos's ESC/POS command table (strings of control characters); only the entries used here are typed. */
  const commands: {
    EOL: string;
    HARDWARE: { HW_INIT: string };
    TEXT_FORMAT: { TXT_ALIGN_LT: string; TXT_ALIGN_CT: string; TXT_ALIGN_RT: string };
    PAPER: { PAPER_FULL_CUT: string; PAPER_PART_CUT: string };
  };
  export = commands;
}

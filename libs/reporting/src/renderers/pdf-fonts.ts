import { createRequire } from 'node:module';
import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;

const require = createRequire(import.meta.url);

/**
 * Noto Sans (SIL Open Font License 1.1, from @expo-google-fonts/noto-sans, pinned to one version: another version of
 * the font would give other bytes), embedded as subsets, so the PDF reads the same on every machine.
 */
const FILES = {
  body: require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
};

export const FONT = 'Body';
export const BOLD = 'Bold';

export const registerFonts = (doc: Doc): void => {
  doc.registerFont(FONT, FILES.body);
  doc.registerFont(BOLD, FILES.bold);
};

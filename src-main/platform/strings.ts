/**
 * The few strings the main process shows itself (native menu, startup error dialog). The
 * renderer has its own i18n; these are not shared with it because the menu must exist
 * before any page has loaded.
 */
export interface ShellStrings {
  about: string;
  services: string;
  hide: string;
  hideOthers: string;
  showAll: string;
  quit: string;
  file: string;
  newSale: string;
  newCustomer: string;
  closeWindow: string;
  edit: string;
  undo: string;
  redo: string;
  cut: string;
  copy: string;
  paste: string;
  pasteAndMatchStyle: string;
  delete: string;
  selectAll: string;
  view: string;
  reload: string;
  forceReload: string;
  toggleDevTools: string;
  actualSize: string;
  zoomIn: string;
  zoomOut: string;
  toggleFullScreen: string;
  window: string;
  minimize: string;
  zoom: string;
  bringAllToFront: string;
  startupErrorTitle: string;
  databaseTooNew: string;
  databaseUnreadable: string;
  databaseMigrationFailed: string;
  startupFailed: string;
}

export type ShellLanguage = 'en' | 'it';

const en: ShellStrings = {
  about: 'About Rapport',
  services: 'Services',
  hide: 'Hide Rapport',
  hideOthers: 'Hide Others',
  showAll: 'Show All',
  quit: 'Quit Rapport',
  file: 'File',
  newSale: 'New Sale',
  newCustomer: 'New Customer',
  closeWindow: 'Close Window',
  edit: 'Edit',
  undo: 'Undo',
  redo: 'Redo',
  cut: 'Cut',
  copy: 'Copy',
  paste: 'Paste',
  pasteAndMatchStyle: 'Paste and Match Style',
  delete: 'Delete',
  selectAll: 'Select All',
  view: 'View',
  reload: 'Reload',
  forceReload: 'Force Reload',
  toggleDevTools: 'Toggle Developer Tools',
  actualSize: 'Actual Size',
  zoomIn: 'Zoom In',
  zoomOut: 'Zoom Out',
  toggleFullScreen: 'Toggle Full Screen',
  window: 'Window',
  minimize: 'Minimize',
  zoom: 'Zoom',
  bringAllToFront: 'Bring All to Front',
  startupErrorTitle: 'Rapport cannot start',
  databaseTooNew:
    'Your data was saved by a newer version of Rapport. Install the latest version to open it. Nothing was changed.',
  databaseUnreadable: 'The data file could not be read; it may be damaged or not a Rapport file. Nothing was changed.',
  databaseMigrationFailed:
    'Your data could not be upgraded to this version of Rapport. The upgrade was rolled back and nothing was lost.',
  startupFailed: 'An unexpected error stopped Rapport from starting.',
};

const it: ShellStrings = {
  about: 'Informazioni su Rapport',
  services: 'Servizi',
  hide: 'Nascondi Rapport',
  hideOthers: 'Nascondi altre',
  showAll: 'Mostra tutte',
  quit: 'Esci da Rapport',
  file: 'File',
  newSale: 'Nuova vendita',
  newCustomer: 'Nuovo cliente',
  closeWindow: 'Chiudi finestra',
  edit: 'Modifica',
  undo: 'Annulla',
  redo: 'Ripeti',
  cut: 'Taglia',
  copy: 'Copia',
  paste: 'Incolla',
  pasteAndMatchStyle: 'Incolla mantenendo lo stile',
  delete: 'Elimina',
  selectAll: 'Seleziona tutto',
  view: 'Vista',
  reload: 'Ricarica',
  forceReload: 'Ricarica forzata',
  toggleDevTools: 'Strumenti per sviluppatori',
  actualSize: 'Dimensioni reali',
  zoomIn: 'Ingrandisci',
  zoomOut: 'Riduci',
  toggleFullScreen: 'Schermo intero',
  window: 'Finestra',
  minimize: 'Riduci a icona',
  zoom: 'Zoom',
  bringAllToFront: 'Porta tutto in primo piano',
  startupErrorTitle: 'Impossibile avviare Rapport',
  databaseTooNew:
    'I tuoi dati sono stati salvati da una versione più recente di Rapport. Installa l’ultima versione per aprirli. Non è stato modificato nulla.',
  databaseUnreadable:
    'Impossibile leggere il file dei dati: potrebbe essere danneggiato o non essere un file di Rapport. Non è stato modificato nulla.',
  databaseMigrationFailed:
    'Non è stato possibile aggiornare i tuoi dati a questa versione di Rapport. L’aggiornamento è stato annullato e non è andato perso nulla.',
  startupFailed: 'Un errore imprevisto ha impedito l’avvio di Rapport.',
};

export const SHELL_STRINGS: Readonly<Record<ShellLanguage, ShellStrings>> = { en, it };

/** Accepts a settings language ('it') or an OS locale ('it-IT', 'it_CH'); English otherwise. */
export function shellLanguage(locale: string | null | undefined): ShellLanguage {
  return typeof locale === 'string' && /^it(?:$|[-_])/i.test(locale) ? 'it' : 'en';
}

export function shellStrings(locale: string | null | undefined): ShellStrings {
  return SHELL_STRINGS[shellLanguage(locale)];
}

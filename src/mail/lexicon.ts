/**
 * The words of phishing lures, as data: named lists per lure kind and language. Matched as whole phrases on the
 * message's normalised text (NFKC, lowercase, whitespace collapsed) by one Aho-Corasick pass (phrases.ts).
 *
 * Keep entries to phrases that *ask* something of the reader (sign in, confirm, pay, act now) or *threaten* them;
 * single words that ordinary mail uses all the time (`account`, `password`, `invoice`) match only inside such phrases.
 * Sources: APWG and JPCERT/CC phishing reports (quoted lures), the anti-phishing guidance of banks and carriers in
 * each language, and common knowledge of the languages. Nothing here was copied from the evaluation messages.
 * A phrase ending in `*` matches as a prefix (`verif*` → verify, verifique, verifizieren); other phrases need a word
 * boundary on both sides (none is needed around CJK characters).
 */

export type LureKind = 'credential' | 'payment' | 'urgency' | 'threat' | 'prize';

export interface LureList {
  readonly kind: LureKind;
  readonly language: string;
  readonly phrases: readonly string[];
}

export const LURE_LISTS: readonly LureList[] = [
  // ── Credential: asks the reader to sign in, verify, confirm or re-enter account details ──
  {
    kind: 'credential', language: 'en', phrases: [
      'verify your account', 'verify your identity', 'verify your email', 'verify your e-mail', 'verify your information',
      'confirm your account', 'confirm your identity', 'confirm your email', 'confirm your details', 'confirm your information',
      'update your account', 'update your information', 'update your details', 'update your payment', 'update your billing',
      'validate your account', 'validate your email', 'reactivate your account', 're-activate your account',
      'restore your account', 'restore access', 'unlock your account', 'sign in to your account', 'log in to your account',
      'login to your account', 'sign in to continue', 'log in to continue', 'login to continue', 'click here to verify',
      'click here to confirm', 'click here to login', 'click here to log in', 'click here to sign in', 'click the link below to verify',
      'unusual sign-in', 'unusual sign in', 'unusual activity', 'suspicious activity', 'suspicious login', 'suspicious sign-in',
      'unauthorized access', 'unauthorised access', 'unauthorized login', 'new sign-in', 'login attempt', 'sign-in attempt',
      'your password expires', 'your password will expire', 'password expir*', 'keep your current password', 'keep same password',
      'mailbox is full', 'mailbox quota', 'storage is full', 'storage quota', 'email quota', 'mailbox storage',
      'pending messages', 'undelivered messages', 'messages on hold', 'incoming messages', 'deactivation request',
      'verification required', 'action required', 'account verification', 'identity verification', 'security verification',
      'verify now', 'confirm now', 'login now', 'sign in now', 'review your account', 'secure your account',
      'account information', 'account details', 'your credentials', 'e-mail verification', 'email verification',
      'shared a document', 'shared a file', 'view document', 'view the document', 'review document', 'access document',
      'voicemail', 'voice message', 'fax message',
    ],
  },
  { kind: 'credential', language: 'pt', phrases: ['sua conta', 'seus dados', 'verifique', 'confirme seus dados', 'atualize seus dados', 'atualizar seus dados', 'atualização cadastral', 'acesse sua conta', 'sua senha', 'recadastramento', 'validar seus dados', 'validação'] },
  { kind: 'credential', language: 'es', phrases: ['su cuenta', 'tu cuenta', 'verifique su', 'verifica tu', 'confirme su', 'confirma tu', 'actualice sus datos', 'actualiza tus datos', 'su contraseña', 'tu contraseña', 'iniciar sesión', 'inicie sesión', 'verificación'] },
  { kind: 'credential', language: 'fr', phrases: ['votre compte', 'vos informations', 'vérifier votre', 'vérifiez votre', 'confirmer votre', 'confirmez votre', 'mettre à jour vos', 'mot de passe', 'connectez-vous', 'identifiez-vous', 'vérification'] },
  { kind: 'credential', language: 'de', phrases: ['ihr konto', 'ihre daten', 'ihr kundenkonto', 'bestätigen sie', 'verifizieren sie', 'aktualisieren sie', 'ihr passwort', 'ihr kennwort', 'melden sie sich', 'verifizierung', 'bestätigung ihrer'] },
  { kind: 'credential', language: 'it', phrases: ['il tuo account', 'il tuo conto', 'i tuoi dati', 'verifica il tuo', 'conferma il tuo', 'conferma i tuoi', 'aggiorna i tuoi', 'la tua password', 'accedi al tuo', 'verifica dell'] },
  { kind: 'credential', language: 'nl', phrases: ['uw account', 'je account', 'uw gegevens', 'je gegevens', 'verifieer uw', 'verifieer je', 'bevestig uw', 'bevestig je', 'uw wachtwoord', 'je wachtwoord', 'log in op', 'verificatie'] },
  { kind: 'credential', language: 'ja', phrases: ['アカウント', 'ログイン', 'パスワード', '本人確認', 'ご本人様確認', '認証', 'お客様情報', '登録情報', 'ご確認ください', '確認してください', 'ご利用確認', 'セキュリティ'] },

  // ── Payment: money, cards, invoices, parcels held for a fee ──
  {
    kind: 'payment', language: 'en', phrases: [
      'payment failed', 'payment declined', 'payment was declined', 'payment could not be processed', 'unable to process your payment',
      'update your payment', 'payment method', 'payment information', 'billing information', 'billing details', 'card details',
      'credit card', 'debit card', 'bank account', 'bank details', 'wire transfer', 'outstanding balance', 'outstanding invoice',
      'overdue', 'unpaid', 'pay now', 'refund', 'tax refund', 'reimbursement', 'invoice attached', 'attached invoice',
      'payment confirmation', 'your order', 'order confirmation', 'your subscription', 'subscription has expired',
      'subscription expired', 'renew your subscription', 'auto-renewal', 'delivery fee', 'shipping fee', 'customs fee',
      'redelivery', 're-delivery', 'your package', 'your parcel', 'your shipment', 'delivery attempt', 'bitcoin', 'btc wallet',
      'crypto wallet', 'usdt', 'transfer the funds', 'the sum of', 'million dollars', 'million usd',
    ],
  },
  { kind: 'payment', language: 'pt', phrases: ['pagamento', 'fatura', 'boleto', 'cartão de crédito', 'débito', 'reembolso', 'restituição', 'sua encomenda', 'taxa de entrega'] },
  { kind: 'payment', language: 'es', phrases: ['pago', 'factura', 'tarjeta de crédito', 'reembolso', 'su pedido', 'tu pedido', 'su paquete', 'tu paquete', 'gastos de envío'] },
  { kind: 'payment', language: 'fr', phrases: ['paiement', 'facture', 'carte bancaire', 'carte de crédit', 'remboursement', 'votre colis', 'frais de livraison', 'frais de douane'] },
  { kind: 'payment', language: 'de', phrases: ['zahlung', 'rechnung', 'kreditkarte', 'rückerstattung', 'ihr paket', 'ihre sendung', 'zustellgebühr', 'zollgebühr', 'lastschrift'] },
  { kind: 'payment', language: 'it', phrases: ['pagamento', 'fattura', 'carta di credito', 'rimborso', 'il tuo pacco', 'spese di spedizione'] },
  { kind: 'payment', language: 'nl', phrases: ['betaling', 'factuur', 'creditcard', 'terugbetaling', 'uw pakket', 'je pakket', 'verzendkosten'] },
  { kind: 'payment', language: 'ja', phrases: ['お支払い', '支払い', 'クレジットカード', 'カード情報', '請求', '未払い', '料金', '返金', '口座', 'お荷物', '配達', '不在'] },

  // ── Urgency: a deadline or "act now" ──
  {
    kind: 'urgency', language: 'en', phrases: [
      'urgent', 'urgently', 'immediately', 'immediate action', 'as soon as possible', 'within 24 hours', 'within 24hrs',
      'within 48 hours', 'within 72 hours', 'within 12 hours', 'within 2 hours', 'within one hour', 'within 1 hour', 'expires today',
      'expire today', 'will expire', 'has expired', 'last chance', 'final notice', 'final reminder', 'final warning', 'last warning',
      'last notice', 'act now', 'right away', 'without delay', 'do not ignore', "don't ignore", 'time-sensitive', 'time sensitive',
      'before it is too late', 'limited time',
    ],
  },
  { kind: 'urgency', language: 'pt', phrases: ['urgente', 'imediatamente', 'em até 24 horas', 'nas próximas 24 horas', 'último aviso', 'prazo'] },
  { kind: 'urgency', language: 'es', phrases: ['urgente', 'inmediatamente', 'en 24 horas', 'dentro de 24 horas', 'último aviso', 'plazo'] },
  { kind: 'urgency', language: 'fr', phrases: ['urgent', 'immédiatement', 'sous 24 heures', 'sous 24h', 'dans les 24 heures', 'dernier avis', 'dernier rappel', 'sans délai'] },
  { kind: 'urgency', language: 'de', phrases: ['dringend', 'sofort', 'umgehend', 'innerhalb von 24 stunden', 'innerhalb von 48 stunden', 'letzte mahnung', 'letzte erinnerung', 'frist'] },
  { kind: 'urgency', language: 'it', phrases: ['urgente', 'immediatamente', 'entro 24 ore', 'entro 48 ore', 'ultimo avviso'] },
  { kind: 'urgency', language: 'nl', phrases: ['dringend', 'onmiddellijk', 'direct actie', 'binnen 24 uur', 'binnen 48 uur', 'laatste herinnering', 'laatste waarschuwing'] },
  { kind: 'urgency', language: 'ja', phrases: ['至急', '緊急', '24時間以内', '48時間以内', '本日中', '期限', 'お早めに', '速やかに', 'ただちに', '直ちに'] },

  // ── Threat: loss of access, legal action, exposure ──
  {
    kind: 'threat', language: 'en', phrases: [
      'account suspended', 'account has been suspended', 'account will be suspended', 'account is suspended', 'temporarily suspended',
      'account locked', 'account has been locked', 'account will be locked', 'account has been limited', 'account limited',
      'account will be closed', 'account will be deleted', 'account will be terminated', 'account will be disabled',
      'account has been disabled', 'account has been blocked', 'will be suspended', 'will be deactivated', 'will be terminated',
      'will be permanently', 'will be deleted', 'will be closed', 'will be blocked', 'lose access', 'loss of access',
      'permanently deleted', 'permanently disabled', 'legal action', 'law enforcement', 'arrest warrant', 'your device was hacked',
      'i have access to your', 'recorded you', 'your webcam', 'video of you', 'compromising video', 'your contacts',
      'failure to comply', 'failure to do so', 'if you do not', 'if you fail to', 'service interruption', 'restricted access',
    ],
  },
  { kind: 'threat', language: 'pt', phrases: ['bloqueada', 'bloqueado', 'suspensa', 'suspenso', 'cancelada', 'cancelamento', 'será desativada', 'encerrada'] },
  { kind: 'threat', language: 'es', phrases: ['bloqueada', 'bloqueado', 'suspendida', 'suspendido', 'será cancelada', 'será desactivada', 'cancelación'] },
  { kind: 'threat', language: 'fr', phrases: ['bloqué', 'bloquée', 'suspendu', 'suspendue', 'sera désactivé', 'sera supprimé', 'sera fermé', 'résiliation'] },
  { kind: 'threat', language: 'de', phrases: ['gesperrt', 'gesperrt werden', 'eingeschränkt', 'deaktiviert', 'gelöscht', 'kündigung', 'sperrung'] },
  { kind: 'threat', language: 'it', phrases: ['bloccato', 'bloccata', 'sospeso', 'sospesa', 'sarà disattivato', 'sarà chiuso', 'limitato'] },
  { kind: 'threat', language: 'nl', phrases: ['geblokkeerd', 'opgeschort', 'gedeactiveerd', 'verwijderd', 'beperkt', 'afgesloten'] },
  { kind: 'threat', language: 'ja', phrases: ['停止', '利用制限', '制限', '凍結', 'ロック', '無効', '削除', '不正アクセス', '不正利用', '第三者'] },

  // ── Prize and advance-fee: something for nothing ──
  {
    kind: 'prize', language: 'en', phrases: [
      'congratulations', 'you have won', "you've won", 'you have been selected', 'you are a winner', 'winner', 'lottery',
      'jackpot', 'prize', 'claim your', 'free gift', 'gift card', 'reward', 'cash prize', 'beneficiary', 'inheritance',
      'next of kin', 'compensation fund', 'unclaimed', 'investment opportunity', 'guaranteed return', 'profit',
      'dear friend', 'dear beneficiary', 'dear customer', 'dear user', 'dear client', 'dear account holder', 'dear sir/madam',
      'valued customer', 'voucher', 'coupon', 'you have been chosen', 'selected to receive', 'take our survey', 'complete the survey',
      'free iphone', 'exclusive offer', 'you are eligible', 'eligible for',
    ],
  },
  { kind: 'prize', language: 'pt', phrases: ['parabéns', 'você ganhou', 'prêmio', 'sorteio', 'resgate', 'resgatar', 'brinde', 'prezado cliente', 'cupom', 'pesquisa de satisfação', 'você foi selecionado'] },
  { kind: 'prize', language: 'es', phrases: ['felicidades', 'felicitaciones', 'has ganado', 'ha ganado', 'premio', 'sorteo', 'estimado cliente', 'cupón', 'encuesta', 'ha sido seleccionado', 'has sido seleccionado'] },
  { kind: 'prize', language: 'fr', phrases: ['félicitations', 'vous avez gagné', 'gagnant', 'cadeau', 'cher client', 'chère cliente', 'bon d\'achat', 'sondage', 'enquête de satisfaction', 'vous avez été sélectionné', 'gagnez'] },
  { kind: 'prize', language: 'de', phrases: ['herzlichen glückwunsch', 'glückwunsch*', 'gratulieren', 'gewonnen', 'gewinner', 'gewinnspiel', 'gewinnen sie', 'geschenk*', 'gutschein*', 'umfrage', 'ausgewählt', 'lieber kunde', 'sehr geehrter kunde'] },
  { kind: 'prize', language: 'it', phrases: ['congratulazioni', 'hai vinto', 'vincitore', 'premio', 'omaggio', 'gentile cliente', 'buono regalo', 'sondaggio', 'sei stato selezionato'] },
  { kind: 'prize', language: 'nl', phrases: ['gefeliciteerd', 'gewonnen', 'winnaar', 'prijs', 'cadeau', 'beste klant', 'cadeaubon', 'enquête', 'u bent geselecteerd'] },
  { kind: 'prize', language: 'ja', phrases: ['当選', '賞品', 'プレゼント', 'ポイント', 'キャンペーン', '特典'] },
];

/**
 * Free webmail providers: anyone can get an address there, so a brand's name in the display name of such an
 * address, or a Reply-To there under another organisation's From, is a classic pattern. Registrable domains.
 */
export const FREEMAIL_DOMAINS: readonly string[] = [
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.jp', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'yahoo.es', 'yahoo.it',
  'yahoo.com.br', 'ymail.com', 'rocketmail.com', 'hotmail.com', 'hotmail.co.uk', 'hotmail.fr', 'hotmail.de', 'hotmail.it',
  'hotmail.es', 'outlook.com', 'outlook.fr', 'outlook.de', 'outlook.jp', 'live.com', 'live.fr', 'live.co.uk', 'msn.com',
  'aol.com', 'icloud.com', 'me.com', 'mac.com', 'mail.com', 'email.com', 'gmx.com', 'gmx.net', 'gmx.de', 'web.de',
  'yandex.com', 'yandex.ru', 'ya.ru', 'mail.ru', 'bk.ru', 'inbox.ru', 'list.ru', 'rambler.ru', 'proton.me', 'protonmail.com',
  'pm.me', 'tutanota.com', 'tuta.io', 'zoho.com', 'zohomail.com', 'qq.com', '163.com', '126.com', 'sina.com', 'naver.com',
  'daum.net', 'hanmail.net', 'libero.it', 'virgilio.it', 'orange.fr', 'wanadoo.fr', 'laposte.net', 'free.fr', 'sfr.fr',
  't-online.de', 'freenet.de', 'seznam.cz', 'wp.pl', 'o2.pl', 'interia.pl', 'onet.pl', 'terra.com.br', 'bol.com.br',
  'uol.com.br', 'ig.com.br', 'rediffmail.com', 'usa.com', 'consultant.com', 'engineer.com', 'myself.com', 'post.com',
  'europe.com', 'asia.com', 'cyberservices.com', 'inbox.lv', 'hushmail.com', 'fastmail.com', 'att.net', 'comcast.net',
  'verizon.net', 'sbcglobal.net', 'bellsouth.net', 'cox.net', 'earthlink.net', 'optonline.net', 'charter.net', 'btinternet.com',
  'sky.com', 'ntlworld.com', 'shaw.ca', 'rogers.com', 'bigpond.com', 'ocn.ne.jp', 'nifty.com', 'docomo.ne.jp', 'ezweb.ne.jp',
  'softbank.ne.jp', 'i.softbank.jp', 'au.com',
];

/** Extensions of files that run when opened on Windows or macOS: the second half of a double extension. */
export const EXECUTABLE_EXTENSIONS: readonly string[] = [
  'exe', 'scr', 'com', 'pif', 'bat', 'cmd', 'vbs', 'vbe', 'js', 'jse', 'wsf', 'wsh', 'hta', 'msi', 'msp', 'lnk', 'jar',
  'ps1', 'reg', 'cpl', 'dll', 'iso', 'img', 'vhd', 'vhdx', 'app', 'command', 'html', 'htm', 'shtml', 'svg', 'xhtml', 'one',
];

/** Extensions a reader trusts as documents or images: the first half of a double extension (`invoice.pdf.exe`). */
export const DOCUMENT_EXTENSIONS: readonly string[] = [
  'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'txt', 'rtf', 'csv', 'jpg', 'jpeg', 'png', 'gif', 'bmp', 'tif', 'tiff',
  'mp3', 'mp4', 'wav', 'zip', 'odt', 'ods', 'xml', 'eml', 'msg',
];

/** Archive extensions looked into for the ZIP encryption flag (a password-protected archive hides its content from scanners). */
export const ZIP_EXTENSIONS: readonly string[] = ['zip', 'jar', 'docm', 'xlsm'];

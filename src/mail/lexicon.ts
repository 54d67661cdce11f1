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

export type LureKind = 'credential' | 'payment' | 'urgency' | 'threat' | 'prize'
  // Scam families that impersonate no one and ask for no password: the lure itself is the evidence.
  | 'dating' | 'health' | 'crypto' | 'gambling' | 'advance-fee' | 'extortion'
  // Cold sales offers of lead-generation spam (insurance quotes, loans, solar panels, subsidies) and affiliate mailers.
  | 'offer'
  // Job and task scams: easy money for simple work from home, the recruiting of money mules and "task" fraud.
  | 'job'
  // Callback phishing: a charge or order the reader did not make, and a number to call about it (the call is the scam).
  // The phrases deny the charge or announce it; "call our …", a billing department or a toll-free number alone is
  // every customer service's footer and is not listed.
  | 'callback';

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
      'storage is almost full', 'running out of storage', 'out of storage space', 'exceeded your storage', 'storage limit reached',
      // QR-code phishing ("quishing"): the link is in an image, so the words around it are what a filter can read.
      'qr code to verify', 'qr code to re-authenticate', 'qr code to reauthenticate', 'qr code to reactivate', 'qr code to update',
      'qr code to unlock', 'qr code to restore', 'qr code to secure', 'qr code to confirm', 'qr code to sign in', 'qr code to log in',
      'qr code to login',
      'pending messages', 'undelivered messages', 'messages on hold', 'incoming messages', 'deactivation request',
      'verification required', 'action required', 'account verification', 'identity verification', 'security verification',
      'verify now', 'confirm now', 'login now', 'sign in now', 'review your account', 'secure your account',
      'account information', 'account details', 'your credentials', 'e-mail verification', 'email verification',
      'shared a document', 'shared a file', 'view document', 'view the document', 'review document', 'access document',
      'voicemail', 'voice message', 'fax message',
    ],
  },
  // Each language's list ends with the quota lure of webmail and cloud-storage phishing ("your storage is full") and,
  // except Japanese, the words around a QR code that asks to verify or sign in (QR-code phishing).
  { kind: 'credential', language: 'pt', phrases: ['atividade incomum', 'atividade suspeita', 'acesso não autorizado', 'tentativa de acesso', 'login suspeito', 'sua conta', 'seus dados', 'verifique', 'confirme seus dados', 'atualize seus dados', 'atualizar seus dados', 'atualização cadastral', 'acesse sua conta', 'sua senha', 'recadastramento', 'validar seus dados', 'validação', 'armazenamento está cheio', 'armazenamento cheio', 'sem espaço de armazenamento', 'ficando sem espaço', 'caixa de correio está cheia', 'qr code para verificar', 'código qr para verificar', 'qr code para atualizar', 'código qr para atualizar', 'qr code para confirmar'] },
  { kind: 'credential', language: 'es', phrases: ['actividad inusual', 'actividad sospechosa', 'acceso no autorizado', 'inicio de sesión sospechoso', 'intento de inicio de sesión', 'su cuenta', 'tu cuenta', 'verifique su', 'verifica tu', 'confirme su', 'confirma tu', 'actualice sus datos', 'actualiza tus datos', 'su contraseña', 'tu contraseña', 'iniciar sesión', 'inicie sesión', 'verificación', 'almacenamiento está lleno', 'almacenamiento lleno', 'sin espacio de almacenamiento', 'quedando sin espacio', 'buzón está lleno', 'código qr para verificar', 'código qr para actualizar', 'código qr para confirmar', 'código qr para iniciar sesión'] },
  { kind: 'credential', language: 'fr', phrases: ['activité inhabituelle', 'activité suspecte', 'accès non autorisé', 'connexion suspecte', 'tentative de connexion', 'votre compte', 'vos informations', 'vérifier votre', 'vérifiez votre', 'confirmer votre', 'confirmez votre', 'mettre à jour vos', 'mot de passe', 'connectez-vous', 'identifiez-vous', 'vérification', 'stockage est plein', 'stockage est presque plein', 'espace de stockage insuffisant', 'boîte aux lettres est pleine', 'boîte mail est pleine', 'code qr pour vérifier', 'qr code pour vérifier', 'code qr pour confirmer', 'qr code pour confirmer', 'code qr pour mettre à jour'] },
  { kind: 'credential', language: 'de', phrases: ['ungewöhnliche aktivität', 'verdächtige aktivität', 'unbefugter zugriff', 'verdächtige anmeldung', 'anmeldeversuch', 'ihr konto', 'ihre daten', 'ihr kundenkonto', 'bestätigen sie', 'verifizieren sie', 'aktualisieren sie', 'ihr passwort', 'ihr kennwort', 'melden sie sich', 'verifizierung', 'bestätigung ihrer', 'speicher ist voll', 'speicherplatz ist voll', 'speicherplatz ist fast voll', 'postfach ist voll', 'kein speicherplatz', 'qr-code zur bestätigung', 'qr-code zur verifizierung', 'qr-code zur authentifizierung', 'qr-code, um ihr konto'] },
  { kind: 'credential', language: 'it', phrases: ['attività insolita', 'attività sospetta', 'accesso non autorizzato', 'accesso sospetto', 'tentativo di accesso', 'il tuo account', 'il tuo conto', 'i tuoi dati', 'verifica il tuo', 'conferma il tuo', 'conferma i tuoi', 'aggiorna i tuoi', 'la tua password', 'accedi al tuo', 'verifica dell', 'spazio di archiviazione è pieno', 'archiviazione è piena', 'casella di posta è piena', 'memoria è piena', 'codice qr per verificare', 'codice qr per confermare', 'codice qr per aggiornare'] },
  { kind: 'credential', language: 'nl', phrases: ['ongebruikelijke activiteit', 'verdachte activiteit', 'ongeautoriseerde toegang', 'verdachte aanmelding', 'inlogpoging', 'uw account', 'je account', 'uw gegevens', 'je gegevens', 'verifieer uw', 'verifieer je', 'bevestig uw', 'bevestig je', 'uw wachtwoord', 'je wachtwoord', 'log in op', 'verificatie', 'opslag is vol', 'opslagruimte is vol', 'mailbox is vol', 'postvak is vol', 'qr-code om te verifiëren', 'qr-code om te bevestigen'] },
  { kind: 'credential', language: 'ja', phrases: ['アカウント', 'ログイン', 'パスワード', '本人確認', 'ご本人様確認', '認証', 'お客様情報', '登録情報', 'ご確認ください', '確認してください', 'ご利用確認', 'セキュリティ', 'ストレージがいっぱい', 'ストレージ容量', '容量が不足', 'メールボックスの容量'] },

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
      'last notice', 'act now', 'right away', 'without delay', 'do not ignore', "don't ignore", 'time-sensitive', 'time sensitive', 'time-limited',
      'before it is too late', 'limited time',
    ],
  },
  { kind: 'urgency', language: 'pt', phrases: ['urgente', 'imediatamente', 'em até 24 horas', 'nas próximas 24 horas', 'último aviso', 'prazo', 'expira hoje', 'vence hoje', 'irá expirar', 'vai expirar', 'expirou', 'última chance', 'última oportunidade'] },
  { kind: 'urgency', language: 'es', phrases: ['urgente', 'inmediatamente', 'en 24 horas', 'dentro de 24 horas', 'último aviso', 'plazo', 'expira hoy', 'vence hoy', 'caducará', 'ha caducado', 'expirará', 'ha expirado', 'última oportunidad'] },
  { kind: 'urgency', language: 'fr', phrases: ['urgent', 'immédiatement', 'sous 24 heures', 'sous 24h', 'dans les 24 heures', 'dernier avis', 'dernier rappel', 'sans délai', 'expire aujourd\'hui', 'expirera', 'a expiré', 'dernière chance'] },
  { kind: 'urgency', language: 'de', phrases: ['dringend', 'sofort', 'umgehend', 'innerhalb von 24 stunden', 'innerhalb von 48 stunden', 'letzte mahnung', 'letzte erinnerung', 'frist', 'läuft heute ab', 'läuft ab', 'ist abgelaufen', 'verfällt', 'letzte chance'] },
  { kind: 'urgency', language: 'it', phrases: ['urgente', 'immediatamente', 'entro 24 ore', 'entro 48 ore', 'ultimo avviso', 'scade oggi', 'scadrà', 'è scaduto', 'è scaduta', 'ultima possibilità', 'ultima occasione'] },
  { kind: 'urgency', language: 'nl', phrases: ['dringend', 'onmiddellijk', 'direct actie', 'binnen 24 uur', 'binnen 48 uur', 'laatste herinnering', 'laatste waarschuwing', 'verloopt vandaag', 'verloopt', 'is verlopen', 'laatste kans'] },
  { kind: 'urgency', language: 'ja', phrases: ['至急', '緊急', '24時間以内', '48時間以内', '本日中', '期限', 'お早めに', '速やかに', 'ただちに', '直ちに'] },

  // ── Threat: loss of access, legal action, exposure ──
  {
    kind: 'threat', language: 'en', phrases: [
      'account suspended', 'account has been suspended', 'account will be suspended', 'account is suspended', 'temporarily suspended',
      'account locked', 'account has been locked', 'account will be locked', 'account has been limited', 'account limited',
      'account will be closed', 'account will be deleted', 'account will be terminated', 'account will be disabled',
      'account has been disabled', 'account has been blocked', 'will be suspended', 'will be deactivated', 'will be terminated',
      'will be permanently', 'will be deleted', 'will be closed', 'will be blocked', 'lose access', 'loss of access',
      'permanently deleted', 'permanently disabled', 'legal action', 'law enforcement', 'arrest warrant',
      'your contacts',
      'failure to comply', 'failure to do so', 'if you do not', 'if you fail to', 'service interruption', 'restricted access',
    ],
  },
  { kind: 'threat', language: 'pt', phrases: ['bloqueada', 'bloqueado', 'suspensa', 'suspenso', 'cancelada', 'cancelamento', 'será desativada', 'encerrada', 'será excluída', 'será excluído', 'serão excluídos', 'serão excluídas', 'será apagada', 'serão apagados'] },
  { kind: 'threat', language: 'es', phrases: ['bloqueada', 'bloqueado', 'suspendida', 'suspendido', 'será cancelada', 'será desactivada', 'cancelación', 'será eliminada', 'será eliminado', 'serán eliminados', 'serán eliminadas', 'se eliminarán', 'se eliminen'] },
  { kind: 'threat', language: 'fr', phrases: ['bloqué', 'bloquée', 'suspendu', 'suspendue', 'sera désactivé', 'sera supprimé', 'sera supprimée', 'seront supprimés', 'seront supprimées', 'sera fermé', 'résiliation'] },
  { kind: 'threat', language: 'de', phrases: ['gesperrt', 'gesperrt werden', 'eingeschränkt', 'deaktiviert', 'gelöscht', 'kündigung', 'sperrung'] },
  { kind: 'threat', language: 'it', phrases: ['bloccato', 'bloccata', 'sospeso', 'sospesa', 'sarà disattivato', 'sarà chiuso', 'limitato', 'sarà eliminato', 'sarà eliminata', 'saranno eliminati', 'saranno eliminate', 'sarà cancellato', 'saranno cancellati'] },
  { kind: 'threat', language: 'nl', phrases: ['geblokkeerd', 'opgeschort', 'gedeactiveerd', 'verwijderd', 'beperkt', 'afgesloten'] },
  { kind: 'threat', language: 'ja', phrases: ['停止', '利用制限', '制限', '凍結', 'ロック', '無効', '削除', '不正アクセス', '不正利用', '第三者'] },

  // ── Prize and advance-fee: something for nothing ──
  {
    kind: 'prize', language: 'en', phrases: [
      'congratulations', 'you have won', "you've won", 'you have been selected', 'you are a winner', 'winner', 'lottery',
      'jackpot', 'prize', 'claim your', 'free gift', 'gift card', 'reward', 'cash prize',
      'investment opportunity', 'guaranteed return', 'profit',
      'dear friend', 'dear customer', 'dear user', 'dear client', 'dear account holder', 'dear sir/madam',
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
  // ── Dating and adult lures (romance scams, adult "private photos" bait) ──
  {
    kind: 'dating', language: 'en', phrases: [
      'lonely woman', 'lonely girl', 'lonely lady', 'single woman', 'single women', 'single ladies', 'hot singles', 'local singles',
      'local women', 'looking for a man', 'looking for a serious relationship', 'meet girls', 'meet beautiful',
      'ukrainian women', 'ukrainian girl*', 'ukrainian beaut*', 'ukrainian bride*', 'russian women', 'russian girl*', 'russian beaut*',
      'russian bride*', 'asian women', 'dating site', 'sex dating', 'adult dating', 'casual dating', 'hookup', 'hook up tonight',
      'one night stand', 'private photos', 'my private photo*', 'intimate photos', 'naughty', 'horny', 'slut', 'nude photo*', 'naked photo*',
      'sexy girl*', 'camshare', 'cam girl*', 'webcam girl*', 'wants to chat with you', 'wants to meet you', 'waiting to meet you',
      'new private message', 'sent you a private message', 'i am a lonely', "i'm a lonely", 'find your match',
    ],
  },
  { kind: 'dating', language: 'de', phrases: ['ukrainische frau*', 'ukrainische schönheit*', 'russische frau*', 'bräute', 'singlefrau*', 'single-frau*', 'frauen in deiner nähe', 'frauen aus deiner', 'private fotos', 'sexdate*', 'sex-date*', 'seitensprung', 'geile', 'lustige dates', 'einsame'] },
  { kind: 'dating', language: 'nl', phrases: ['oekraïense meisje*', 'oekraïense vrouw*', 'oekraïense schoonhe*', 'oekraïense liefde', 'russische vrouw*', 'russische schoonhe*', 'eenzame vrouw*', 'sexdate*', 'neuk*', 'geile', 'privébericht', 'privéfoto*', 'daten met'] },
  { kind: 'dating', language: 'pt', phrases: ['mulheres solteiras', 'mulher solitária', 'fotos íntimas', 'fotos privadas', 'namoro', 'encontros casuais', 'garotas'] },
  { kind: 'dating', language: 'es', phrases: ['mujeres solteras', 'mujer solitaria', 'fotos íntimas', 'fotos privadas', 'citas casuales', 'chicas calientes', 'ucranianas', 'rusas'] },
  { kind: 'dating', language: 'fr', phrases: ['femmes célibataires', 'femme seule', 'photos intimes', 'photos privées', 'rencontres coquines', 'coquine*', 'plan cul', 'ukrainiennes', 'russes'] },

  // ── Pharmacy, diet and miracle-cure spam ──
  {
    kind: 'health', language: 'en', phrases: [
      'viagra', 'cialis', 'levitra', 'sildenafil', 'tadalafil', 'online pharmacy', 'no prescription', 'without a prescription',
      'without prescription', 'erectile', 'male enhancement', 'weight loss', 'lose weight', 'burn fat', 'fat burn*', 'melt fat',
      'belly fat', 'keto', 'gummies', 'diet pill*', 'appetite suppress*', 'hair loss', 'tinnitus', 'neuropathy', 'nerve pain',
      'joint pain', 'blood sugar', 'wrinkles', 'anti-aging', 'doctors hate', 'miracle cure', 'natural remedy', 'cbd oil',
      'hearing aid*', 'plastic surgeon',
    ],
  },
  { kind: 'health', language: 'de', phrases: ['gewichtsverlust', 'abnehmen', 'ohne diät', 'fettverbrennung', 'potenzmittel', 'potenz', 'ohne rezept', 'haarausfall', 'gelenkschmerzen'] },
  { kind: 'health', language: 'nl', phrases: ['afvallen', 'gewichtsverlies', 'vetverbranding', 'zonder recept', 'haaruitval', 'gewrichtspijn'] },
  { kind: 'health', language: 'pt', phrases: ['emagrecer', 'emagrecimento', 'perder peso', 'queimar gordura', 'sem receita', 'queda de cabelo', 'disfunção erétil'] },
  { kind: 'health', language: 'es', phrases: ['bajar de peso', 'perder peso', 'adelgazar', 'quemar grasa', 'sin receta', 'caída del cabello', 'disfunción eréctil', 'pestañas'] },
  { kind: 'health', language: 'fr', phrases: ['perdre du poids', 'perte de poids', 'minceur', 'brûler les graisses', 'sans ordonnance', 'chute de cheveux', 'dysfonction érectile'] },

  // ── Crypto giveaways, airdrops, "allocations", wallet-draining and investment lures ──
  {
    kind: 'crypto', language: 'en', phrases: [
      'airdrop*', 'air drop', 'token allocation', 'allocation program', 'allocation event', 'your allocation', 'claim your tokens',
      'claim tokens', 'claim your reward*', 'claim your airdrop', 'connect your wallet', 'connect wallet', 'wallet connect',
      'seed phrase', 'recovery phrase', 'secret phrase', 'secret recovery', 'validate your wallet', 'verify your wallet',
      'synchronize your wallet', 'wallet validation', 'wallet verification', 'wallet has been funded', 'cloud mining',
      'mining service', 'guaranteed profit*', 'double your bitcoin', 'double your crypto', 'free bitcoin*', 'crypto investment', 'investment platform',
      'trading platform', 'passive income', 'withdraw your funds', 'available for withdrawal', 'has been credited to your',
      'on your balance', 'eligible for the', 'token distribution', 'redistribution of', 'exclusive tokens',
    ],
  },
  { kind: 'crypto', language: 'pt', phrases: ['criptomoeda*', 'investimento garantido', 'lucro garantido', 'renda passiva', 'sua carteira'] },
  { kind: 'crypto', language: 'es', phrases: ['criptomoneda*', 'inversión garantizada', 'ganancias garantizadas', 'ingresos pasivos', 'tu billetera', 'su billetera'] },
  { kind: 'crypto', language: 'de', phrases: ['kryptowährung*', 'garantierte rendite', 'passives einkommen', 'ihre wallet', 'deine wallet'] },
  { kind: 'crypto', language: 'fr', phrases: ['cryptomonnaie*', 'crypto-monnaie*', 'rendement garanti', 'revenu passif', 'votre portefeuille'] },
  { kind: 'crypto', language: 'nl', phrases: ['cryptovaluta', 'gegarandeerd rendement', 'passief inkomen', 'je wallet', 'uw wallet'] },

  // ── Casino and betting bonuses ──
  {
    kind: 'gambling', language: 'en', phrases: [
      'casino', 'free spins', 'welcome bonus', 'deposit bonus', 'no deposit', 'bonus spins', 'online slots', 'slot games',
      'bet now', 'place your bet*', 'sportsbook', 'online poker', 'roulette',
    ],
  },
  { kind: 'gambling', language: 'de', phrases: ['freispiele', 'willkommensbonus', 'einzahlungsbonus', 'spielautomat*'] },
  { kind: 'gambling', language: 'nl', phrases: ['gratis spins', 'welkomstbonus', 'stortingsbonus', 'gokkast*'] },
  { kind: 'gambling', language: 'pt', phrases: ['giros grátis', 'rodadas grátis', 'bônus de boas-vindas', 'cassino', 'apostas'] },
  { kind: 'gambling', language: 'es', phrases: ['giros gratis', 'tiradas gratis', 'bono de bienvenida', 'casino online', 'apuestas'] },
  { kind: 'gambling', language: 'fr', phrases: ['tours gratuits', 'bonus de bienvenue', 'casino en ligne', 'paris sportifs'] },

  // ── Advance-fee ("419") letters: a fortune held somewhere, released for a fee or your details ──
  {
    kind: 'advance-fee', language: 'en', phrases: [
      'next of kin', 'beneficiary', 'your inheritance', 'inheritance fund*', 'late husband', 'late father', 'late client', 'deceased', 'consignment',
      'diplomatic courier', 'diplomatic agent', 'atm card', 'atm visa card', 'fund transfer', 'transfer of the fund*', 'claim the fund*', 'release the fund*', 'unclaimed fund*',
      'compensation fund*', 'compensation payment', 'my donation', 'dear beneficiary', 'united nations', 'barrister',
      'business proposal', 'mutual benefit', 'strictly confidential', 'your full name', 'your home address', 'your phone number',
      'your telephone number', 'your age', 'your occupation', 'reply urgently', 'my name is',
      'million us dollars', 'million dollars', 'western union', 'moneygram',
    ],
  },
  { kind: 'advance-fee', language: 'pt', phrases: ['herança', 'beneficiário', 'doação', 'fundo de compensação', 'cartão atm', 'milhões de dólares', 'seu nome completo', 'nações unidas'] },
  { kind: 'advance-fee', language: 'es', phrases: ['herencia', 'beneficiario', 'donación', 'fondo de compensación', 'tarjeta atm', 'millones de dólares', 'su nombre completo', 'naciones unidas'] },
  { kind: 'advance-fee', language: 'fr', phrases: ['héritage', 'bénéficiaire', 'donation', 'fonds de compensation', 'carte atm', 'millions de dollars', 'votre nom complet', 'nations unies'] },
  { kind: 'advance-fee', language: 'de', phrases: ['erbschaft', 'begünstigte*', 'spende', 'entschädigungsfonds', 'geldautomatenkarte', 'millionen dollar', 'ihren vollständigen namen', 'vereinten nationen'] },

  // ── Sextortion and extortion: "I recorded you", pay in bitcoin ──
  {
    kind: 'extortion', language: 'en', phrases: [
      'i recorded', 'recorded you', 'video of you', 'compromising video', 'i have access to your', 'your webcam', 'your camera', 'i hacked your', 'hacked your', 'your device was hacked',
      'your device was hacked', 'your device has been hacked', 'malware on your', 'adult website*',
      'masturbat*', 'your contacts', 'all your contacts', 'send to your contacts', 'your friends and family',
      'bitcoin address', 'btc address', 'my bitcoin wallet', 'delete the video',
      'i will delete', 'do not reply to this email', 'do not try to', 'contact the police', 'tell anyone',
    ],
  },
  { kind: 'extortion', language: 'de', phrases: ['ich habe dich aufgenommen', 'deine webcam', 'ihre webcam', 'gehackt', 'pornoseite*', 'bitcoin-adresse', 'deine kontakte', 'ihre kontakte'] },
  { kind: 'extortion', language: 'pt', phrases: ['gravei você', 'sua webcam', 'hackeado', 'hackeei', 'sites pornô', 'endereço bitcoin', 'seus contatos'] },
  { kind: 'extortion', language: 'es', phrases: ['te grabé', 'tu cámara web', 'hackeado', 'páginas porno', 'dirección de bitcoin', 'tus contactos'] },
  { kind: 'extortion', language: 'fr', phrases: ['je vous ai enregistré', 'votre webcam', 'piraté', 'sites pornographiques', 'adresse bitcoin', 'vos contacts'] },
  { kind: 'extortion', language: 'nl', phrases: ['je webcam', 'uw webcam', 'gehackt', 'pornosite*', 'bitcoin-adres', 'je contacten', 'uw contacten'] },

  // ── Analyser 1.2 additions: the same families, vocabulary the 1.1 lists lacked (generic lure words per language) ──
  { kind: 'credential', language: 'en', phrases: ['restore your mailbox', 'restore mailbox', 'update your mailbox', 'mailbox will be', 'sign-in activity', 'sign in activity'] },
  { kind: 'credential', language: 'pt', phrases: ['acesso indevido', 'desbloque*', 'internet banking', 'novo dispositivo', 'e-mail e senha', 'verificar a atividade', 'ative o', 'atualizar cadastro'] },
  { kind: 'credential', language: 'de', phrases: ['kontoinformationen', 'neues gerät', 'aus sicherheitsgründen'] },
  { kind: 'credential', language: 'fr', phrases: ['activités de connexion', 'connexion inhabituelle*', 'nouvel appareil'] },
  { kind: 'credential', language: 'nl', phrases: ['nieuw apparaat', 'ongebruikelijke activiteit', 'actie vereist'] },
  { kind: 'threat', language: 'pt', phrases: ['retida', 'bloqueadas', 'transação suspeita'] },
  { kind: 'threat', language: 'nl', phrases: ['geschorst'] },
  { kind: 'threat', language: 'en', phrases: ['asset freeze', 'avoid closure'] },
  {
    kind: 'prize', language: 'en', phrases: [
      'lucky winner', 'you are the lucky', "you're lucky", 'your name came up', 'rewards have arrived', 'your reward', 'take your reward',
      'claim your prize', 'sweepstake*', 'giveaway', 'give away', 'you have been awarded', 'chosen ones', 'promo code', 'lucky winners',
      'chance to win', 'confirm the receipt', "you've been selected", "you've been chosen",
    ],
  },
  { kind: 'prize', language: 'de', phrases: ['gewinne', 'verlos*', 'zu gewinnen', 'zu gewinnenden', 'teilnahme bestätigen', 'ihre teilnahme'] },
  { kind: 'prize', language: 'nl', phrases: ['win een', 'maak kans', 'winactie', 'verloting', 'je hebt gewonnen', 'cadeaukaart', 'als blijk van'] },
  { kind: 'prize', language: 'fr', phrases: ['à gagner', 'tirage au sort', 'remportez', 'votre cadeau', 'confirmer le reçu', 'veuillez confirmer'] },
  { kind: 'prize', language: 'es', phrases: ['ganador', 'reclamar', 'reclama tu', 'su premio', 'tu premio', 'has sido elegido', 'confirma la recepción'] },
  { kind: 'prize', language: 'pt', phrases: ['ganhador', 'ganhou', 'resgate seu', 'seu prêmio'] },
  {
    kind: 'dating', language: 'en', phrases: [
      'solitary female', 'solitary woman', 'solitary girl', "i'm solitary", 'single girls', 'lonely girls', 'girls are waiting', 'women are waiting', 'meet men', 'looking for men', 'sex toy',
      'sex partner', 'wish to see me', 'i want to talk', 'how old are you', 'how old r you', 'where are you from',
      'where r you from', 'what state are you from', 'my picture', 'dreams of meeting you', 'date tonight', 'click for date', 'dissolute',
      'shemale', 'sex chat', 'no fake profiles',
    ],
  },
  { kind: 'dating', language: 'de', phrases: ['mein profil', 'meine bilder', 'hat dir eine nachricht geschickt', 'kennenzulernen', 'slawische frauen', 'sexkontakt*', 'singles in ihrer nähe', 'singles in deiner nähe', 'keine fake-profile'] },
  { kind: 'dating', language: 'nl', phrases: ['naaktfoto*', 'naakt', 'sexvriend*', 'spannende afspraak', 'vaste relatie', 'flirten', 'geen nepprofielen', 'oekraiense vrouw*', 'oekraiense singles', 'perfecte match'] },
  { kind: 'dating', language: 'pt', phrases: ['solteira*', 'seu parceiro', 'apimente', 'encontros'] },
  { kind: 'dating', language: 'fr', phrases: ['rencontrer des', 'beautés'] },
  {
    kind: 'health', language: 'en', phrases: [
      'vlagra', 'clalls', 'c!al!s', 'v!agra', 'viagara', 'medications without', 'without the need for a prescription', 'stubborn fat',
      'stubborn lbs', 'numbness', 'tingling', 'medical discovery', 'take years off', 'blue pill', 'libido',
    ],
  },
  { kind: 'health', language: 'nl', phrases: ['orgasme*', 'erectie*', 'potentie', 'blauwe pil'] },
  { kind: 'health', language: 'es', phrases: ['suero', 'sin compromiso'] },
  {
    kind: 'crypto', language: 'en', phrases: [
      'staking reward*', 'steth', 'your rewards', 'rewards are available', 'mint your', 'free mint*', 'web3', 'kyc', 'usdt tokens',
      'personal manager', 'personal cabinet', 'account top-up', 'daily payments', 'verify their wallets', 'virtual assets',
      'connecting your wallet', 'nft drop',
    ],
  },
  { kind: 'gambling', language: 'en', phrases: ['spin to', 'lottery tickets', 'bonanza', 'goddess of luck', 'wagering', 'first deposit'] },
  { kind: 'gambling', language: 'pt', phrases: ['bônus de primeiro depósito', 'diversão do jogo', 'nova plataforma', 'novos cadastros'] },
  {
    kind: 'advance-fee', language: 'en', phrases: [
      'investment partner', 'promising opportunity', 'mutually beneficial', 'your assistance in', 'candid assistance', 'partner in your country', 'highly confidential',
      'over invoiced', 'over-invoiced', '100% risk free', 'honest person', 'of the total amount', 'kindly respond', 'kindly reply', 'this email still valid', "haven't replied",
      'courier service', 'loan offer*', 'provide loans', 'providing loans', 'loan options', 'confirmable draft', 'confirm able draft',
    ],
  },
  { kind: 'advance-fee', language: 'pt', phrases: ['desejo falar com você', 'meu comunicado', 'fundo vencedor', 'transferência bancária', 'gabinete do', 'viúva', 'órfãos', 'instituições de caridade'] },

  // ── Cold offers: lead-generation spam (insurance quotes, loans, solar panels, subsidies) and affiliate mailers ──
  {
    kind: 'offer', language: 'en', phrases: [
      'the advertiser does not manage', 'sent by an affiliate', 'this is an advertisement', 'free quote', 'no obligation', 'health insurance',
      'insurance quote*', 'compare quotes', 'lower your bills', 'debt relief', 'debt consolidation', 'pre-approved', 'solar panel*',
      'energy bill*', 'home warranty', 'credit score*',
    ],
  },
  {
    kind: 'offer', language: 'pt', phrases: [
      'plano de saúde', 'planos de saúde', 'cotação', 'cote agora', 'cote online', 'tabela promocional', 'proposta exclusiva',
      'proposta promocional', 'condição especial', 'reduza o custo', 'reduza seus custos', 'mensalidade',
    ],
  },
  { kind: 'offer', language: 'nl', phrases: ['zonnepanelen', 'energierekening', 'energietarieven', 'subsidie', 'isolatie*', 'woningscan', 'besparen op', 'vaste lasten', 'persoonlijk aanbod', 'kozijnen'] },
  { kind: 'offer', language: 'fr', phrases: ['panneaux solaires', 'rachat de crédit*', "aide de l'état", "aides de l'état", 'économisez', 'simulation gratuite', 'pompe à chaleur', 'climatisation réversible'] },
  { kind: 'offer', language: 'de', phrases: ['solaranlage*', 'photovoltaik', 'unverbindliches angebot', 'gratis angebot', 'kostenloses angebot', 'stromkosten', 'förderung'] },
  { kind: 'offer', language: 'es', phrases: ['paneles solares', 'seguro de salud', 'presupuesto gratis'] },

  // ── Analyser 1.11: families that reach people by e-mail but were missing (sources: FTC and Europol consumer
  // warnings on job and task scams, callback or "TOAD" phishing and fake-news investment ads; common knowledge of the
  // languages). Job phrases name the easy money, not the job: a real vacancy says neither "daily salary" nor "simple
  // tasks", and a part-time job, work from home or no experience required are what real vacancies offer too. ──
  {
    kind: 'job', language: 'en', phrases: [
      'work from your phone', 'earn from home', 'a day from home', 'per day from home', 'daily salary', 'daily income',
      'simple tasks', 'online tasks', 'complete tasks', 'task-based', 'payment processing agent', 'money transfer agent',
      'financial agent',
    ],
  },
  { kind: 'job', language: 'pt', phrases: ['trabalhe de casa', 'trabalhe em casa', 'renda extra', 'ganhe dinheiro', 'tarefas simples', 'salário diário'] },
  { kind: 'job', language: 'es', phrases: ['trabaja desde casa', 'ingresos extra', 'gana dinero', 'tareas sencillas', 'salario diario'] },
  { kind: 'job', language: 'de', phrases: ['nebenverdienst', 'einfache aufgaben', 'tageslohn', 'von zu hause aus geld'] },
  { kind: 'job', language: 'fr', phrases: ['revenu complémentaire', "gagner de l'argent", 'tâches simples', 'salaire journalier'] },
  { kind: 'job', language: 'it', phrases: ['guadagnare da casa', 'guadagno extra', 'compiti semplici', 'stipendio giornaliero'] },
  { kind: 'job', language: 'nl', phrases: ['bijverdienen', 'extra inkomen', 'eenvoudige taken', 'dagloon'] },
  {
    kind: 'callback', language: 'en', phrases: [
      'if you did not authorize', "if you didn't authorize", 'if you did not authorise', 'if you did not make this purchase',
      "if you didn't make this purchase", 'if you did not place this order', "if you didn't place this order",
      'to dispute this charge', 'to dispute this transaction', 'refund department', 'has been auto-renewed',
      'subscription has been renewed', 'deducted from your account',
    ],
  },
  { kind: 'callback', language: 'pt', phrases: ['não reconhece esta compra', 'não autorizou esta', 'debitado da sua conta'] },
  { kind: 'callback', language: 'es', phrases: ['no reconoce esta compra', 'no autorizó esta', 'cargado a su cuenta'] },
  { kind: 'callback', language: 'de', phrases: ['diese zahlung nicht autorisiert', 'diesen kauf nicht getätigt', 'abteilung für rückerstattung', 'von ihrem konto abgebucht'] },
  { kind: 'callback', language: 'fr', phrases: ["vous n'avez pas autorisé", "vous n'êtes pas à l'origine de cet achat", 'débité de votre compte'] },
  { kind: 'callback', language: 'it', phrases: ['non hai autorizzato', 'non ha autorizzato', 'addebitato sul tuo conto'] },
  { kind: 'callback', language: 'nl', phrases: ['betaling niet geautoriseerd', 'deze aankoop niet gedaan', 'afgeschreven van uw rekening'] },
  // Fake-news investment ads: a celebrity's "secret", a trading robot that makes anyone a millionaire before the big banks
  // stop it. Robots, overnight millionaires and the names such ads give their platforms, not finance words that real
  // financial news and brokers use (`automated trading`, `the big banks`).
  {
    kind: 'crypto', language: 'en', phrases: [
      'trading bot', 'trading robot', 'bitcoin robot', 'crypto robot', 'become a millionaire', 'make you a millionaire',
      'wealth loophole', 'immediate edge', 'immediate connect', 'bitcoin era', 'bitcoin prime', 'bitcoin profit',
      'bitcoin revolution', 'bitcoin360', 'bitcoin superstar',
    ],
  },
  { kind: 'crypto', language: 'es', phrases: ['sea millonario', 'sea millonaria', 'millonario en', 'millonaria en', 'robot de trading', 'método de inversión'] },
  { kind: 'crypto', language: 'pt', phrases: ['milionário em', 'milionária em', 'ficar milionário', 'robô de investimento', 'robô de trading'] },
  { kind: 'crypto', language: 'de', phrases: ['millionär werden', 'zum millionär', 'handelsroboter', 'trading-roboter'] },
  { kind: 'crypto', language: 'fr', phrases: ['devenir millionnaire', 'millionnaire en', 'robot de trading'] },
  { kind: 'crypto', language: 'it', phrases: ['criptovalut*', 'diventare milionario', 'robot di trading', 'rendimento garantito', 'reddito passivo'] },
  { kind: 'crypto', language: 'nl', phrases: ['miljonair worden', 'handelsrobot'] },
  // Parity: the scam families in Italian and Japanese, and the advance-fee letter in Dutch, as the other languages have them.
  { kind: 'dating', language: 'it', phrases: ['donne single', 'ragazze sole', 'donna sola', 'foto private', 'foto intime', 'incontri piccanti', 'incontri occasionali'] },
  { kind: 'dating', language: 'ja', phrases: ['出会い系', '今夜会える', '人妻と', 'セフレ', '割り切りの関係', 'プライベート写真'] },
  { kind: 'health', language: 'it', phrases: ['perdere peso', 'dimagrire', 'bruciare i grassi', 'senza ricetta', 'caduta dei capelli', 'disfunzione erettile'] },
  { kind: 'health', language: 'ja', phrases: ['飲むだけで痩せ', '簡単に痩せ', 'バイアグラ', 'シアリス', '精力剤', '処方箋なしで'] },
  { kind: 'crypto', language: 'ja', phrases: ['仮想通貨', 'エアドロップ', '必ず儲かる', '絶対に儲かる', '元本保証', '自動売買ツール', 'ウォレットを接続'] },
  { kind: 'gambling', language: 'it', phrases: ['giri gratis', 'bonus di benvenuto', 'bonus sul deposito', 'casinò online', 'scommesse'] },
  { kind: 'gambling', language: 'ja', phrases: ['オンラインカジノ', '入金不要ボーナス', 'フリースピン', 'ウェルカムボーナス'] },
  { kind: 'advance-fee', language: 'it', phrases: ['eredità', 'beneficiario', 'donazione', 'fondo di compensazione', 'milioni di dollari', 'il tuo nome completo', 'nazioni unite'] },
  { kind: 'advance-fee', language: 'nl', phrases: ['erfenis', 'begunstigde', 'donatie', 'compensatiefonds', 'miljoen dollar', 'uw volledige naam', 'verenigde naties'] },
  { kind: 'advance-fee', language: 'ja', phrases: ['遺産を', '相続人', '受取人に', '寄付をしたい', '国連', '億ドル'] },
  { kind: 'extortion', language: 'it', phrases: ['la tua webcam', 'hackerato', 'siti porno', 'indirizzo bitcoin', 'i tuoi contatti'] },
  { kind: 'extortion', language: 'ja', phrases: ['あなたのウェブカメラ', 'アダルトサイト', '録画しました', 'ビットコインで支払', 'ハッキングしました', 'あなたの連絡先'] },
  { kind: 'offer', language: 'it', phrases: ['pannelli solari', 'preventivo gratuito', 'senza impegno', 'assicurazione sanitaria', 'bolletta della luce'] },
  { kind: 'offer', language: 'ja', phrases: ['無料見積もり', '太陽光発電', '一括査定', '無料査定'] },
  { kind: 'job', language: 'ja', phrases: ['在宅で稼', '副業で稼', 'スマホで簡単', '誰でも簡単に稼', '簡単な作業で'] },
  { kind: 'callback', language: 'ja', phrases: ['身に覚えのない', 'お心当たりのない', '請求を取り消すには'] },
  // The balance lost with the account: the threat of dormant-account and crypto-platform scams. Only the loss: a
  // balance that "will be updated" or funds that "will be available" are every bank's and shop's news. A phrase that
  // holds another of its kind (`balance will be deleted` ⊃ `will be deleted`, `saldo será bloqueado` ⊃ `bloqueado`) is
  // not listed: each distinct phrase found raises the weight, so the same words would count twice.
  { kind: 'threat', language: 'en', phrases: ['account deactivation', 'balance will be cleared', 'balance will be zeroed', 'balance will be reset', 'balance will be removed', 'balance will be lost', 'funds will be frozen', 'funds will be lost', 'will be forfeited'] },
  { kind: 'threat', language: 'pt', phrases: ['saldo será perdido', 'saldo será zerado', 'desativação da conta'] },
  { kind: 'threat', language: 'es', phrases: ['saldo se perderá', 'desactivación de la cuenta'] },
  { kind: 'threat', language: 'de', phrases: ['guthaben verfällt', 'guthaben geht verloren', 'deaktivierung ihres kontos'] },
  { kind: 'threat', language: 'fr', phrases: ['solde sera perdu', 'solde sera supprimé', 'désactivation de votre compte'] },
  { kind: 'threat', language: 'it', phrases: ['saldo sarà azzerato', 'saldo andrà perso', 'disattivazione del conto', "disattivazione dell'account"] },
  { kind: 'threat', language: 'nl', phrases: ['saldo vervalt', 'saldo gaat verloren', 'deactivering van uw account'] },
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

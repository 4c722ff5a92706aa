import "server-only";

// The demo story in Japanese (server/demo.ts has the English it was written beside): the
// same facts (shared/STORY.md), written afresh in the register a Japanese company uses
// with its customers, not translated sentence by sentence.

/** The groups, by their key in server/demo.ts. */
export const GROUPS_JA = {
  pass: { name: "Sega Pass", description: "お客様のセガアカウントです。ログインとパスワードの管理にご利用いただけます。" },
  community: { name: "コミュニティ", description: "プレイヤーの皆様の交流の場です。" },
  web: { name: "ウェブサイト・決済", description: "" },
} as const;

/** The services, by slug. */
export const SERVICES_JA: Record<string, { name: string; description: string }> = {
  "sega-pass-login": { name: "Sega Pass ログイン", description: "Sega Pass および Sega Pass を利用する各サイトへのログインです。" },
  "sega-pass-password-reset": { name: "Sega Pass パスワード再設定", description: "メールによる Sega Pass パスワードの再設定です。" },
  forums: { name: "フォーラム", description: "Sega Pass アカウントでご利用いただけるセガ公式コミュニティフォーラムです。" },
  website: { name: "ウェブサイト", description: "ニュース、ゲーム情報、サポート情報を掲載しているセガ公式ウェブサイトです。" },
  payments: { name: "決済", description: "お支払い手続きです。外部の決済代行会社が取り扱っています。" },
};

export const INCIDENT_TITLE_JA = "Sega Pass データベースへの不正アクセスについて";

export const ADVICE_JA = [
  "**Sega Pass のパスワードはすべてリセットいたしました。**",
  "",
  "Sega Pass と同じパスワードを他のウェブサイトやサービスでもお使いの場合は、ただちにそちらのパスワードを変更し、サイトごとに異なるパスワードを設定してください。当社からメールでパスワードをお尋ねすることは一切ございません。そのようなメールには応じないようご注意ください。",
].join("\n");

/**
 * The updates, by their key in server/demo.ts. The last one, "lulzsec" (19:30 on the 17th),
 * is left untranslated on purpose: the Japanese page then shows it in English with the
 * "not yet translated" note, as a real page does while its translators catch up.
 */
export const UPDATES_JA = {
  offline: [
    "現在、Sega Pass をご利用いただけない状態となっております。ログインおよびパスワードの再設定ができず、ログインページには「サービス改善中」とのお知らせのみが表示されております。",
    "",
    "原因を調査しており、詳細が分かり次第こちらでお知らせいたします。",
  ].join("\n"),
  breach: [
    "**Sega Pass のデータベースに、第三者による不正アクセスがありました。**",
    "",
    "過去24時間以内に、権限のない第三者が Sega Pass のデータベースに侵入していたことが判明いたしました。当社はただちにお客様の情報を保護する措置を講じるとともに、不正アクセスが発生したシステムを隔離いたしました。あわせて、当社の公開システムのどこまで影響が及んでいるかについて調査を開始しております。",
    "",
    "お客様には多大なるご迷惑とご心配をおかけしておりますことを、深くお詫び申し上げます。",
  ].join("\n"),
  data: [
    "**不正に取得された情報と、取得されていない情報について**",
    "",
    "Sega Pass アカウントに関して、以下の情報が不正に取得されました。",
    "",
    "- メールアドレス",
    "- 生年月日",
    "- パスワード（暗号化された状態のもの）",
    "",
    "お支払いに関する情報は**取得されておりません**。クレジットカードやご請求に関する情報は Sega Pass ではなく外部の決済代行会社が管理しており、決済は通常どおりご利用いただけます。",
  ].join("\n"),
  reset: [
    "**Sega Pass のパスワードをすべてリセットいたしました。** あわせて、対応が完了するまでのあいだ、Sega Pass へのログインとフォーラムを一時停止しております。",
    "",
    "**お客様へのお願い：** Sega Pass と同じパスワードを他のウェブサイトやオンラインサービスでもお使いの場合は、ただちにそちらのパスワードを変更し、サイトごとに異なるパスワードをお使いください。パスワードや個人情報の入力を求めるメールには、十分ご注意ください。",
  ].join("\n"),
  down: [
    "安全を確保するために必要な対応が完了するまで、Sega Pass のすべてのシステムを停止いたします。遠からず再開できるものと考えておりますが、いましばらくお待ちくださいますようお願い申し上げます。",
    "",
    "不正アクセスを行った者に関する情報や Sega Pass の再開時期につきましては、分かり次第こちらでお知らせいたします。",
  ].join("\n"),
} as const;

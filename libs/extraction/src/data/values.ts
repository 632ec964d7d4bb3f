/**
 * Field value generators. Each returns the surface text as written in a document, in a variety of
 * house formats; `bare` forms (number without unit) exist where a key in front already says what
 * the number is ("qty: 5" vs "5 pcs").
 */
import { isValidChineseResidentId, isValidVin, vinCheckDigit } from '@mw/identifiers';
import type { Language } from '../schema/fields';
import type { Rng } from './prng';
import {
  COMPANIES,
  DEFECT_TYPES,
  DEFECT_WORDS,
  DISPOSITION_WORDS,
  EMAIL_DOMAINS,
  EN_FIRST,
  EN_LAST,
  EN_MONTHS,
  EN_MONTHS_LONG,
  LOCATIONS,
  LOSS_TYPES,
  PLACES,
  SEVERITY_WORDS,
  ZH_GIVEN,
  ZH_NUMERALS,
  ZH_SURNAMES,
  COMPANIES_MORE,
  COMPONENT_NUMBERED_EN,
  COMPONENT_SIDES_EN,
  COMPONENT_SIDES_ZH,
  COMPONENTS_EN,
  COMPONENTS_ZH,
  DISPOSITION_MORE,
  EN_CITIES,
  EN_FIRST_MORE,
  EN_LAST_MORE,
  EN_ROADS,
  EN_SITE_WORDS,
  EN_STREET_TYPES,
  EN_STREETS,
  LOSS_TYPES_MORE,
  PINYIN_GIVEN,
  PINYIN_SURNAMES,
  SEVERITY_MORE,
  ZH_CITIES,
  ZH_DISTRICTS,
  ZH_GIVEN_MORE,
  ZH_HIGHWAY_PARTS,
  ZH_HIGHWAYS,
  ZH_PORTS,
  ZH_PROVINCES,
  ZH_ROADS,
  ZH_SITE_SUFFIXES,
  ZH_SURNAMES_MORE,
} from './lexicon';

export interface Value {
  full: string;
  bare: string;
}

const v = (full: string, bare = full): Value => ({ full, bare });

export function orderNumber(r: Rng): Value {
  return v(
    r.weighted<string>([
      [`47${r.digits(8)}`, 6],
      [`${r.pick(['45', '48', '10', '20'])}${r.digits(8)}`, 2],
      [`MO-${r.int(2024, 2027)}-${r.digits(4)}`, 1],
      [`WO${r.digits(6)}`, 1],
      [`PO-${r.digits(7)}`, 1],
      [`${r.digits(6)}`, 1],
      // Shop-floor systems number orders short too: 4471, 38120, 4471-22 (the caption says what it is).
      [`${r.digits(4)}`, 1],
      [`${r.digits(5)}`, 1],
      [`${r.digits(4)}-${r.digits(2)}`, 1],
    ]),
  );
}

export function partNumber(r: Rng): Value {
  const L = (n: number): string => r.letters(n);
  return v(
    r.weighted<string>([
      [`${L(2)}-${r.digits(4)}`, 4],
      [`${L(r.int(2, 3))}-${r.digits(r.int(3, 5))}-${r.pick(['A', 'B', 'C', '01', '02', '10'])}`, 2],
      [`${r.digits(2)}-${r.digits(4)}-${r.digits(2)}`, 2],
      [`${r.digits(1)}${L(1)}${r.digits(1)}-${r.digits(3)}${L(1)}`, 1],
      [`${L(1)}${r.digits(1)}${L(1)}-${r.digits(5)}`, 1],
      [`${L(3)}${r.digits(5)}`, 1],
      [`${r.digits(7)}`, 1],
      [`${L(2)}${r.digits(3)}.${r.digits(3)}`, 1],
      [`${r.digits(3)}-${r.digits(3)}-${r.digits(3)}`, 1],
    ]),
  );
}

export function lotNumber(r: Rng): Value {
  return v(
    r.weighted<string>([
      [`L${r.int(20, 27)}-${r.digits(3)}`, 3],
      [`B${r.int(23, 26)}${String(r.int(1, 12)).padStart(2, '0')}-${r.digits(2)}`, 3],
      [`LOT${r.int(23, 26)}${r.digits(4)}-${r.pick(['A', 'B', 'C'])}`, 1],
      [`${r.int(23, 26)}${r.digits(2)}-${r.digits(4)}`, 2],
      [`L-${r.digits(4)}`, 1],
      [`${r.letters(1)}${r.digits(6)}`, 1],
      [`${r.int(2023, 2026)}${r.digits(4)}${r.letters(1)}`, 1],
      [`${r.digits(8)}`, 1],
    ]),
  );
}

export function line(r: Rng, lang: Language, keyed: boolean): Value {
  const n = r.int(1, 12);
  const letter = r.pick(['A', 'B', 'C', 'D']);
  if (keyed) {
    const bare = r.weighted<string>([
      [String(n), 4],
      [`L${n}`, 2],
      [letter, 1],
      [`SMT-${n}`, 1],
      [`${lang === 'zh' ? `${n}号线` : `Line ${n}`}`, 1],
    ]);
    return v(bare);
  }
  if (lang === 'zh') {
    return v(
      r.weighted<string>([
        [`${n}号线`, 5],
        [`${ZH_NUMERALS[Math.min(n, 10)]}号线`, 2],
        [`${letter}线`, 1],
        [`装配${ZH_NUMERALS[Math.min(n, 10)]}线`, 1],
        [`装配线${letter}`, 1],
        [`L${n}线`, 1],
        [`${n}#线`, 1],
      ]),
    );
  }
  return v(
    r.weighted<string>([
      [`Line ${n}`, 4],
      [`line ${n}`, 3],
      [`L${n}`, 2],
      [`Line ${letter}`, 1],
      [`assy line ${n}`, 1],
      [`SMT-${n}`, 1],
      [`line#${n}`, 1],
    ]),
  );
}

export function station(r: Rng, lang: Language, keyed: boolean): Value {
  const n = r.int(1, 40);
  const op = `OP${r.int(1, 9)}${r.pick(['0', '0', '5'])}`;
  if (keyed) return v(r.weighted<string>([[String(n), 3], [op, 3], [`ST-${String(n).padStart(2, '0')}`, 2], [`WS-${String(n).padStart(2, '0')}`, 1]]));
  if (lang === 'zh') return v(r.weighted<string>([[`${n}号工位`, 4], [op, 3], [`${n}#工位`, 1], [`${n}工位`, 1], [`第${n}工位`, 1]]));
  return v(
    r.weighted<string>([
      [op, 4],
      [`station ${n}`, 3],
      [`Station ${n}`, 2],
      [`stn ${n}`, 2],
      [`ST-${String(n).padStart(2, '0')}`, 2],
      [`WS-${String(n).padStart(2, '0')}`, 1],
    ]),
  );
}

export function defect(r: Rng, lang: Language): Value {
  const type = r.pick(DEFECT_TYPES);
  const word = r.pick(DEFECT_WORDS[type][lang]);
  // Qualifiers belong to the defect phrase ("heavy corrosion", "严重锈蚀" stays a severity word, so EN only).
  if (lang === 'en' && r.chance(0.12) && !word.includes(' ')) return v(`${r.pick(['heavy', 'light', 'deep', 'slight', 'surface', 'multiple'])} ${word}`);
  return v(word);
}

/** Aircraft-style station ranges, labelled as a defect location of their own. */
export function stationRange(r: Rng): Value {
  const a = r.int(100, 900);
  return v(
    r.weighted<string>([
      [`bs ${a} to bs ${a + r.int(10, 80)}, rbl ${r.int(5, 40)}`, 2],
      [`bs ${a} to bs ${a + r.int(10, 80)}`, 1],
      [`fs ${a}`, 1],
      [`sta ${a} to sta ${a + r.int(10, 80)}`, 1],
      [`frame ${r.int(10, 60)} to ${r.int(61, 80)}`, 1],
      [`stringer ${r.int(1, 30)} ${r.pick(['lh', 'rh'])}`, 1],
      [`wl ${r.int(50, 300)}`, 1],
    ]),
  );
}

export function defectLocation(r: Rng, lang: Language): Value {
  if (lang === 'zh') {
    const c = r.pick(COMPONENTS_ZH);
    return v(
      r.weighted<string>([
        [r.pick(LOCATIONS.zh), 3],
        [c, 5],
        [`${r.pick(COMPONENT_SIDES_ZH)}${c}`, 2],
        [`${c}${r.pick(['边缘', '表面', '内侧', '外侧', '根部', '中部', '端部', '周边'])}`, 2],
        [`${r.pick(COMPONENTS_ZH)}${c}`, 1],
        [`第${r.int(1, 12)}${r.pick(['缸', '孔', '齿', '槽', '号焊点'])}`, 1],
        [`${r.letters(1)}${r.int(1, 40)}${r.pick(['焊点', '引脚', '孔'])}`, 1],
      ]),
    );
  }
  const c = r.pick(COMPONENTS_EN);
  return v(
    r.weighted<string>([
      [r.pick(LOCATIONS.en), 3],
      [c, 5],
      [`${r.pick(COMPONENT_SIDES_EN)} ${c}`, 3],
      [`${r.pick(COMPONENT_SIDES_EN)} ${r.pick(COMPONENT_SIDES_EN)} ${c}`, 1],
      [`${c} ${r.pick(['edge', 'surface', 'face', 'area', 'root', 'corner', 'lip', 'radius'])}`, 2],
      [`${r.pick(COMPONENTS_EN)} ${c}`, 1],
      [`${c} of the ${r.pick(COMPONENTS_EN)}`, 1],
      [`${r.pick(COMPONENT_NUMBERED_EN)} ${r.int(1, 60)}`, 1],
      [`${r.pick(COMPONENT_SIDES_EN)} ${r.pick(COMPONENT_NUMBERED_EN)} ${r.int(1, 40)}`, 1],
      [`${r.letters(1)}${r.int(1, 80)} ${r.pick(['pad', 'pin', 'lead', 'via'])}`, 1],
    ]),
  );
}

export function quantity(r: Rng, lang: Language): Value {
  const n = r.weighted<number>([
    [r.int(1, 9), 5],
    [r.int(10, 99), 3],
    [r.int(100, 2000), 1],
  ]);
  const s = String(n);
  if (lang === 'zh') {
    return v(r.weighted<string>([[`${s}件`, 6], [`${s}个`, 2], [`${s}只`, 1], [`${s}pcs`, 1], [`${s} PCS`, 1], [`${s}台`, 1], [`${s}套`, 1], [`${s}箱`, 1]]), s);
  }
  return v(
    r.weighted<string>([
      [`${s} pcs`, 5],
      [`${s}pcs`, 2],
      [`${s} pieces`, 2],
      [`${s} units`, 2],
      [`${s} ea`, 1],
      [`${s} parts`, 1],
      [`${s} PCS`, 1],
      [`x${s}`, 1],
    ]),
    s,
  );
}

export function sampleSize(r: Rng, lang: Language): Value {
  const n = r.pick([5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 10, 30, 100]);
  const s = String(n);
  if (lang === 'zh') return v(r.weighted<string>([[`${s}件`, 3], [`${s}pcs`, 1], [s, 2]]), s);
  return v(r.weighted<string>([[`${s} pcs`, 2], [s, 3], [`${s} units`, 1]]), s);
}

export function severity(r: Rng, lang: Language): Value {
  return v(r.chance(0.75) ? r.weighted(SEVERITY_WORDS[lang]) : r.pick(SEVERITY_MORE[lang]));
}

export function disposition(r: Rng, lang: Language): Value {
  return v(r.chance(0.7) ? r.weighted(DISPOSITION_WORDS[lang]) : r.pick(DISPOSITION_MORE[lang]));
}

export interface Measure {
  measurement: Value;
  spec: Value;
}

function fmt(x: number, dp: number): string {
  return x.toFixed(dp);
}

/**
 * A signed reading: a deviation from nominal (CMM, gear and flatness reports write `-0.012 mm`,
 * `+6 µm`) or a temperature below zero (dew point, cold test). The sign is part of the value.
 */
function signedMeasure(r: Rng, lang: Language, sp: string): Measure {
  const sign = r.weighted<string>([['-', 5], ['+', 3], ['−', 1]]);
  if (r.chance(0.3)) {
    const unit = r.pick(['°C', '℃']);
    const t = r.int(5, 45);
    return { measurement: v(`-${t}${sp}${unit}`, `-${t}`), spec: v(lang === 'zh' ? `≤-${t + r.int(5, 30)}${unit}` : `≤ -${t + r.int(5, 30)} ${unit}`) };
  }
  const micro = r.chance(0.4);
  const unit = micro ? r.pick(['µm', 'um', 'μm']) : 'mm';
  const abs = micro ? String(r.int(1, 40)) : fmt(r.int(1, 300) / 1000, 3);
  const tol = micro ? String(r.int(5, 50)) : fmt(r.int(5, 100) / 1000, 3);
  const u = r.chance(0.5) ? `${sp}${unit}` : '';
  return { measurement: v(`${sign}${abs}${sp}${unit}`, `${sign === '+' ? '' : '-'}${abs}`), spec: v(r.pick([`±${tol}${u}`, `± ${tol}${u}`, `${tol}${u} max`])) };
}

export function measure(r: Rng, lang: Language): Measure {
  const kind = r.pick(['len', 'len', 'small', 'torque', 'temp', 'pressure', 'hardness', 'dia', 'signed']);
  const sp = r.chance(0.6) ? ' ' : '';
  if (kind === 'signed') return signedMeasure(r, lang, sp);
  let unit: string;
  let nominal: number;
  let dp: number;
  switch (kind) {
    case 'small':
      unit = r.pick(['µm', 'um', 'μm']);
      nominal = r.int(1, 60) / 10;
      dp = 1;
      break;
    case 'torque':
      unit = r.pick(['N·m', 'Nm', 'N.m']);
      nominal = r.int(5, 120);
      dp = r.pick([0, 1]);
      break;
    case 'temp':
      unit = r.pick(['°C', '℃']);
      nominal = r.int(40, 260);
      dp = 0;
      break;
    case 'pressure':
      unit = r.pick(['bar', 'MPa', 'psi', 'kPa']);
      nominal = r.int(10, 400) / 10;
      dp = 1;
      break;
    case 'hardness':
      unit = 'HRC';
      nominal = r.int(30, 62);
      dp = 0;
      break;
    default:
      unit = lang === 'zh' && r.chance(0.3) ? '毫米' : r.pick(['mm', 'mm', 'mm', 'in']);
      nominal = unit === 'in' ? r.int(10, 4000) / 1000 : r.int(5, 2500) / 100;
      dp = unit === 'in' ? 3 : r.pick([2, 2, 3, 1]);
  }
  const off = nominal * (r.int(3, 30) / 100) * (r.chance(0.5) ? 1 : -1);
  const meas = fmt(Math.max(0.01, nominal + off), dp);
  const prefix = kind === 'dia' ? r.pick(['Ø', 'Φ', '']) : '';
  const measurement = v(`${prefix}${meas}${sp}${unit}`, meas);
  const tol = fmt(Math.max(Math.abs(off) / r.int(2, 5), 1 / 10 ** dp), dp);
  const lo = fmt(nominal - Number(tol), dp);
  const hi = fmt(nominal + Number(tol), dp);
  const u = r.chance(0.6) ? `${sp}${unit}` : '';
  const spec =
    lang === 'zh'
      ? r.weighted<string>([
          [`≤${hi}${u}`, 3],
          [`${fmt(nominal, dp)}±${tol}${u}`, 3],
          [`${lo}~${hi}${u}`, 2],
          [`${lo}-${hi}${u}`, 1],
          [`≥${lo}${u}`, 1],
          [`${hi}${u}以下`, 1],
          [`不大于${hi}${u}`, 1],
          [`最大${hi}${u}`, 1],
          [`最小允许${lo}${u}`, 1],
          [`${fmt(nominal, dp)} +${tol}/-0`, 1],
        ])
      : r.weighted<string>([
          [`≤ ${hi}${u}`, 1],
          [`≤${hi}${u}`, 1],
          [`${hi}${u} max`, 2],
          [`max ${hi}${u}`, 2],
          [`${fmt(nominal, dp)} ± ${tol}${u}`, 1],
          [`${fmt(nominal, dp)}±${tol}${u}`, 2],
          [`${fmt(nominal, dp)} +/- ${tol}${u}`, 1],
          [`${lo}-${hi}${u}`, 2],
          [`${lo} to ${hi}${u}`, 1],
          [`min ${lo}${u}`, 1],
          [`< ${hi}${u}`, 1],
          [`${fmt(nominal, dp)} +${tol}/-0${u}`, 1],
          [`${fmt(nominal, dp)} ±${tol}`, 1],
        ]);
  return { measurement, spec: v(spec) };
}

export function zhName(r: Rng): string {
  const surname = r.chance(0.7) ? r.pick(ZH_SURNAMES) : r.pick(ZH_SURNAMES_MORE);
  const given = r.chance(0.5) ? r.pick(ZH_GIVEN) : r.pick(ZH_GIVEN_MORE);
  return `${surname}${given}${given.length === 1 && r.chance(0.25) ? r.pick(ZH_GIVEN_MORE).slice(0, 1) : ''}`;
}

function pinyinName(r: Rng): string {
  const sur = r.pick(PINYIN_SURNAMES);
  const given = r.pick(PINYIN_GIVEN);
  return r.weighted<string>([
    [`${sur} ${given}`, 4],
    [`${given} ${sur}`, 2],
    [`${sur.toUpperCase()} ${given}`, 1],
    [`${sur.toLowerCase()} ${given.toLowerCase()}`, 1],
    [`${r.pick(EN_FIRST_MORE)} ${sur}`, 1],
  ]);
}

export function westernName(r: Rng): string {
  const first = r.chance(0.3) ? r.pick(EN_FIRST) : r.pick(EN_FIRST_MORE);
  const last = r.chance(0.3) ? r.pick(EN_LAST) : r.pick(EN_LAST_MORE);
  return r.weighted<string>([
    [`${first} ${last}`, 6],
    [`${first[0]}. ${last}`, 2],
    [`${first[0]}.${r.letters(1)}. ${last}`, 1],
    [`${last}, ${first}`, 1],
    [`${first} ${r.letters(1)}. ${last}`, 1],
    [`${first.toLowerCase()[0]}${last.toLowerCase().replace(/[^a-z]/g, '')}`, 1],
    [`${last.toUpperCase()} ${first}`, 1],
    [`${first[0]?.toLowerCase()}. ${last.toLowerCase()}`, 1],
    [first, 1],
  ]);
}

export function personName(r: Rng, lang: Language): Value {
  if (lang === 'zh') return v(r.weighted<string>([[zhName(r), 17], [pinyinName(r), 2], [westernName(r), 1]]));
  return v(r.weighted<string>([[westernName(r), 7], [pinyinName(r), 3]]));
}

export function company(r: Rng, lang: Language): string {
  return r.chance(0.3) ? r.pick(COMPANIES[lang]) : r.pick(COMPANIES_MORE[lang]);
}

export function claimant(r: Rng, lang: Language): Value {
  return r.chance(0.18) ? v(company(r, lang)) : personName(r, lang);
}

export function inspector(r: Rng, lang: Language): Value {
  if (r.chance(lang === 'en' ? 0.15 : 0.05)) {
    return v(r.weighted<string>([[r.letters(2), 3], [r.letters(3), 1], [r.letters(2).toLowerCase(), 1], [`${r.letters(1)}${r.letters(1).toLowerCase()}`, 1]]));
  }
  return personName(r, lang);
}

const GB_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

export function nationalId(r: Rng): Value {
  const region = r.pick(['110105', '310115', '320505', '440305', '330106', '510107', '420106', '370202', '120101', '610113']);
  const y = r.int(1950, 2004);
  const m = r.int(1, 12);
  const d = r.int(1, 28);
  const body = `${region}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${r.digits(3)}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * (GB_WEIGHTS[i] ?? 0);
  const id = body + ('10X98765432'[sum % 11] as string);
  if (!isValidChineseResidentId(id)) throw new Error(`generated invalid resident id ${id}`);
  return v(r.chance(0.1) ? id.toLowerCase() : id);
}

export function phone(r: Rng, lang: Language): Value {
  const mob = `1${r.pick(['3', '5', '8', '7', '9'])}${r.digits(9)}`;
  const cn = r.weighted<string>([
    [mob, 5],
    [`${mob.slice(0, 3)} ${mob.slice(3, 7)} ${mob.slice(7)}`, 2],
    [`${mob.slice(0, 3)}-${mob.slice(3, 7)}-${mob.slice(7)}`, 1],
    [`+86 ${mob}`, 1],
    [`+86-${mob.slice(0, 3)}-${mob.slice(3, 7)}-${mob.slice(7)}`, 1],
    [`021-${r.digits(8)}`, 1],
    [`(0512) ${r.digits(8)}`, 1],
    [`0755-${r.digits(4)} ${r.digits(4)}`, 1],
    [`0${r.pick(['574', '512', '571', '25', '755', '769', '532', '21', '10', '22', '27', '28'])}-${r.digits(8)}`, 2],
    [`${mob.slice(0, 3)} ${mob.slice(3)}`, 1],
    [`+86 ${mob.slice(0, 3)} ${mob.slice(3, 7)} ${mob.slice(7)}`, 1],
  ]);
  if (lang === 'zh') return v(cn);
  const a = r.int(201, 989);
  return v(
    r.weighted<string>([
      [`(${a}) ${r.digits(3)}-${r.digits(4)}`, 3],
      [`${a}-${r.digits(3)}-${r.digits(4)}`, 2],
      [`+1 ${a} ${r.digits(3)} ${r.digits(4)}`, 2],
      [`+49 ${r.int(30, 89)} ${r.digits(7)}`, 1],
      [`+44 20 ${r.digits(4)} ${r.digits(4)}`, 1],
      [`+44 ${r.int(1100, 1999)} ${r.digits(3)} ${r.digits(4)}`, 1],
      [`0${r.int(1100, 1999)} ${r.digits(6)}`, 1],
      [`+${r.pick(['31', '33', '39', '34', '48', '46', '45', '41', '43', '32'])} ${r.int(1, 99)} ${r.digits(3)} ${r.digits(4)}`, 1],
      [`+${r.pick(['65', '852', '81', '82', '61', '91', '971'])} ${r.digits(4)} ${r.digits(4)}`, 1],
      [`${a}.${r.digits(3)}.${r.digits(4)}`, 1],
      [`1-${a}-${r.digits(3)}-${r.digits(4)}`, 1],
      [cn, 2],
    ]),
  );
}

const EMAIL_TLDS = ['com', 'com', 'co.uk', 'de', 'cn', 'com.cn', 'net', 'nl', 'fr', 'it', 'com.hk', 'jp', 'ca', 'org', 'io', 'com.au'];

export function email(r: Rng, name: string): Value {
  const ascii = name.toLowerCase().replace(/[^a-z ]/g, '').trim().split(/\s+/).filter(Boolean);
  const user =
    ascii.length >= 2
      ? r.pick([`${ascii[0]}.${ascii[1]}`, `${ascii[0]?.[0]}${ascii[1]}`, `${ascii[1]}${r.int(1, 99)}`, `${ascii[0]}_${ascii[1]}`, `${ascii[0]?.[0]}.${ascii[1]}`, `${ascii[0]}`])
      : r.pick([`claims${r.int(1, 9)}`, `user${r.digits(5)}`, `${r.letters(1, 'abcdefghijklmnopqrstuvwxyz')}${r.digits(8)}`, 'service', 'qa.team', 'claims', 'info', 'logistics', `${r.letters(r.int(3, 7), 'abcdefghijklmnopqrstuvwxyz')}`, r.digits(r.int(6, 10))]);
  const org = company(r, 'en').toLowerCase().replace(/\b(ltd|llc|inc|co|gmbh|bv|plc|group)\b\.?/g, '').replace(/[^a-z0-9]+/g, r.pick(['', '-'])).replace(/^-|-$/g, '');
  const domain = r.weighted<string>([
    [r.pick(EMAIL_DOMAINS), 3],
    [`${org || 'acme'}.${r.pick(EMAIL_TLDS)}`, 4],
    [r.pick(['gmail.com', 'yahoo.com', 'hotmail.com', '126.com', 'sina.com', 'foxmail.com', 'icloud.com', 'gmx.de', 'web.de']), 2],
  ]);
  return v(`${user}@${domain}`);
}

const INSURER_CODES = ['AAA', 'DAA', 'DZA', 'DAB', 'DDG', 'SHH', 'BJD', 'GZH', 'SZC', 'JSU', 'ZJH', 'NBO', 'TJN'];

export function claimNumber(r: Rng): Value {
  const y = r.int(2024, 2027);
  const yy = String(y).slice(2);
  return v(
    r.weighted<string>([
      [`CLM-${y}-${r.digits(6)}`, 3],
      [`CL${y}${r.digits(7)}`, 2],
      [`C-${r.digits(6)}`, 1],
      [`LP${y}${r.digits(9)}`, 1],
      [`${r.letters(2)}${r.digits(8)}`, 1],
      [`BA${r.digits(12)}`, 1],
      [`R${r.pick(INSURER_CODES)}${y}${r.digits(r.int(9, 12))}`, 3],
      [`9${r.digits(r.int(15, 19))}`, 1],
      [`${r.letters(2)}-${yy}-${r.digits(6)}`, 2],
      [`${r.letters(3)}-${y}-${r.digits(7)}`, 1],
      [`${r.digits(2)}-${r.digits(5)}-${r.digits(3)}`, 1],
      [`${r.letters(3)}${r.digits(5)}`, 1],
      [`${r.letters(1)}${r.digits(3)}-${r.digits(6)}-${r.digits(2)}`, 1],
      [`${y}${r.digits(2)}${r.digits(6)}`, 1],
      [`${r.letters(2)}/${yy}/${r.digits(5)}`, 1],
      [`CN${y}${r.digits(2)}-${r.digits(5)}`, 1],
      [`${r.pick(['WAR', 'CLM', 'CLA', 'FNOL', 'MC', 'GC', 'PI'])}-${r.digits(r.int(5, 8))}`, 2],
    ]),
  );
}

export function policyNumber(r: Rng): Value {
  return v(
    r.weighted<string>([
      [`POL-${r.digits(5)}-${r.letters(1)}`, 2],
      [`PICC-${r.int(2024, 2027)}-${r.digits(4)}-${r.digits(4)}`, 1],
      [`P${r.int(2024, 2027)}${r.pick(['SH', 'BJ', 'GZ', 'SZ'])}${r.digits(6)}`, 2],
      [`${r.letters(3)}${r.digits(9)}`, 1],
      [`PL ${r.digits(4)} ${r.digits(4)} ${r.digits(2)}`, 1],
      [`${r.digits(3)}-${r.digits(7)}`, 1],
      [`AEX${r.digits(10)}`, 1],
      [`P${r.pick(INSURER_CODES)}${r.int(2024, 2027)}${r.digits(r.int(12, 14))}`, 3],
      [`A${r.pick(['SHH', 'GZH', 'BJD', 'NBO'])}${r.digits(2)}${r.letters(2)}${r.int(2024, 2027)}${r.digits(6)}`, 1],
      [`${r.digits(4)}${r.int(2024, 2027)}${r.digits(10)}`, 1],
      [`${r.letters(3)}-${r.letters(2)}-${r.int(2024, 2027)}-${r.digits(6)}`, 1],
      [`${r.letters(3)}/${r.letters(3)}/${r.int(2024, 2027)}/${r.digits(5)}`, 1],
      [`${r.letters(3)} ${r.digits(4)} ${r.digits(4)} ${r.digits(2)}`, 1],
      [`${r.letters(3)}-${r.digits(8)}`, 2],
      [`${r.letters(2)}${r.digits(7)}`, 1],
      [`${r.digits(2)}-${r.digits(6)}-${r.digits(2)}`, 1],
      [`${r.pick(['HOM', 'AUT', 'CAR', 'MAR', 'CGO', 'PRP', 'GL', 'BI', 'WC'])}-${r.digits(r.int(6, 9))}`, 2],
      [`P${r.int(2024, 2027)}${r.pick(['SH', 'BJ', 'GZ', 'SZ', 'NB', 'TJ', 'CD', 'WH'])}${r.digits(6)}`, 1],
    ]),
  );
}

export function serialNumber(r: Rng): Value {
  if (r.chance(0.3)) {
    const alphabet = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
    const wmi = r.pick(['LSV', 'LFV', 'LGB', 'LHG', 'LVS', 'LBV', 'LDC', 'LGW', 'LNB', 'LVG', '1HG', '1FT', '1G1', '2T1', '3VW', 'JHM', 'JTD', 'KMH', 'WVW', 'WBA', 'WDD', 'VF1', 'SAL', 'YV1', 'ZFA', 'ZAR', null]);
    const yearCode = 'ABCDEFGHJKLMNPRSTVWXY123456789';
    for (;;) {
      let vin = wmi ?? '';
      while (vin.length < 17) vin += alphabet[r.int(0, alphabet.length - 1)];
      if (wmi && r.chance(0.8)) vin = vin.slice(0, 9) + (yearCode[r.int(0, yearCode.length - 1)] as string) + vin.slice(10, 11) + r.digits(6);
      const check = vinCheckDigit(vin);
      if (check === null) continue;
      vin = vin.slice(0, 8) + check + vin.slice(9);
      if (isValidVin(vin)) return v(vin);
    }
  }
  return v(
    r.weighted<string>([
      [`${r.int(20, 26)}${r.digits(2)}${r.letters(1)}${r.digits(4)}`, 3],
      [`SN${r.digits(8)}`, 2],
      [`${r.digits(1)}${r.letters(1)}${r.digits(1)}-${r.digits(6)}`, 1],
      [`${r.letters(3)}${r.digits(7)}`, 1],
      [`${r.digits(10)}`, 1],
      [`${r.letters(2)}${r.int(20, 26)}-${r.digits(6)}`, 1],
      [`${r.letters(2)}${r.int(10, 99)}-${r.digits(6)}`, 1],
      [`${r.int(18, 26)}${r.letters(1)}${r.digits(4)}`, 1],
      [`${r.letters(1)}${r.digits(2)}${r.letters(2)}${r.digits(5)}`, 1],
      [`SN${r.int(2019, 2026)}${r.digits(4)}`, 1],
      [`${r.digits(3)}-${r.digits(5)}-${r.letters(1)}`, 1],
      [`ESN${r.digits(6)}`, 1],
    ]),
  );
}

export function lossType(r: Rng, lang: Language): Value {
  return v(r.chance(0.3) ? r.pick(LOSS_TYPES[lang]) : r.pick(LOSS_TYPES_MORE[lang]));
}

export function enStreet(r: Rng): string {
  return `${r.int(1, 9999)} ${r.pick(EN_STREETS)} ${r.pick(EN_STREET_TYPES)}`;
}

export function zhAddress(r: Rng): string {
  const city = r.pick(ZH_CITIES);
  const prov = city.startsWith('上海') || city.startsWith('北京') || city.startsWith('天津') || city.startsWith('重庆') ? '' : r.chance(0.3) ? r.pick(ZH_PROVINCES) : '';
  return `${prov}${city}${r.chance(0.8) ? r.pick(ZH_DISTRICTS) : ''}${r.pick(ZH_ROADS)}${r.int(1, 999)}${r.pick(ZH_SITE_SUFFIXES)}`;
}

export function place(r: Rng, lang: Language): Value {
  if (lang === 'zh') {
    const city = r.pick(ZH_CITIES);
    return v(
      r.weighted<string>([
        [r.pick(PLACES.zh), 2],
        [zhAddress(r), 6],
        [`${city}${r.pick(ZH_DISTRICTS)}`, 2],
        [`${city}${r.pick(ZH_DISTRICTS)}${r.pick(['物流园', '工业园', '仓库', '停车场', '厂区', '码头'])}`, 2],
        [`${r.pick(ZH_HIGHWAYS)}${r.pick(ZH_HIGHWAY_PARTS)}`, 2],
        [`${r.pick(ZH_PORTS)}${r.pick(['', '码头', '堆场', '集装箱堆场', '保税区仓库'])}`, 2],
        [`${city.replace('市', '')}${r.pick(['仓库', '工厂', '分公司', '配送中心'])}`, 1],
        [`${r.pick(ZH_ROADS)}与${r.pick(ZH_ROADS)}交叉口`, 1],
      ]),
    );
  }
  const city = r.pick(EN_CITIES);
  return v(
    r.weighted<string>([
      [r.pick(PLACES.en), 2],
      [`${enStreet(r)}, ${city}`, 5],
      [`${r.pick(EN_SITE_WORDS)} ${r.int(1, 40)}, ${enStreet(r)}, ${city}`, 3],
      [`${r.pick(EN_ROADS)} near ${r.pick(['exit ', 'junction ', 'mile marker '])}${r.int(1, 300)}`, 2],
      [`${r.pick(EN_ROADS)} near ${city.split(',')[0] as string}`, 1],
      [`${r.pick(['our', 'the'])} ${city.split(',')[0] as string} ${r.pick(['warehouse', 'plant', 'distribution center', 'depot', 'site', 'cross-dock'])}`, 2],
      [`Port of ${city.split(',')[0] as string}`, 1],
      [`${city.split(',')[0] as string} ${r.pick(['port terminal', 'airport cargo area', 'rail yard', 'container yard'])}`, 1],
      [`customer site in ${city.split(',')[0] as string}`, 1],
      [`junction of ${r.pick(EN_STREETS)} ${r.pick(EN_STREET_TYPES)} and ${r.pick(EN_STREETS)} ${r.pick(EN_STREET_TYPES)}, ${city}`, 1],
      [city, 1],
    ]),
  );
}

function groupThousands(intPart: string, sep: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

export function amount(r: Rng, lang: Language): Value {
  const major = r.weighted<number>([
    [r.int(50, 999), 2],
    [r.int(1000, 99999), 5],
    [r.int(100000, 2500000), 2],
  ]);
  const cents = r.chance(0.5) ? r.int(0, 99) : 0;
  const plain = `${major}${cents ? `.${String(cents).padStart(2, '0')}` : ''}`;
  const us = `${groupThousands(String(major), ',')}${r.chance(0.6) ? `.${String(cents).padStart(2, '0')}` : ''}`;
  const eu = `${groupThousands(String(major), r.pick(['.', ' ', ' ']))},${String(cents).padStart(2, '0')}`;
  const wan = major >= 10000 ? `${(major / 10000).toFixed(major % 10000 === 0 ? 0 : r.pick([1, 2]))}` : null;
  const cny: [string, number][] = [
    [`¥${us}`, 3],
    [`¥ ${us}`, 1],
    [`￥${us}`, 2],
    [`RMB ${us}`, 2],
    [`RMB${plain}`, 1],
    [`${us}元`, 3],
    [`${plain}元`, 2],
    [`人民币${plain}元`, 1],
    [`CNY ${us}`, 1],
    [`${plain}块钱`, 1],
    [`${plain}块`, 1],
  ];
  if (wan) cny.push([`${wan}万元`, 2], [`${wan}万`, 2], [`人民币${wan}万元`, 1]);
  const foreign: [string, number][] = [
    [`$${us}`, 3],
    [`USD ${us}`, 2],
    [`US$${us}`, 1],
    [`${us} USD`, 1],
    [`€${eu}`, 2],
    [`${eu} €`, 2],
    [`EUR ${eu}`, 2],
    [`€${us}`, 1],
    [`£${us}`, 1],
    [`€ ${eu}`, 1],
    [`HK$${us}`, 1],
    [`${r.pick(['GBP', 'CAD', 'AUD', 'CHF', 'SGD', 'HKD', 'JPY', 'SEK', 'PLN', 'INR'])} ${us}`, 2],
    [`${us} ${r.pick(['GBP', 'EUR', 'CAD', 'CHF'])}`, 1],
    [`£ ${us}`, 1],
    [`C$${us}`, 1],
    [`A$${us}`, 1],
    [`${us}美元`, 1],
    [`${eu} EUR`, 1],
  ];
  return v(lang === 'zh' ? r.weighted(r.chance(0.8) ? cny : foreign) : r.weighted(r.chance(0.65) ? foreign : cny), plain);
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function ordinal(d: number): string {
  const suffix = d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th';
  return `${d}${suffix}`;
}

export interface DateParts {
  y: number;
  m: number;
  d: number;
}

export function dateParts(r: Rng): DateParts {
  return { y: r.int(2023, 2027), m: r.int(1, 12), d: r.int(1, 28) };
}

export function formatDate(r: Rng, p: DateParts, lang: Language): Value {
  const mm = String(p.m).padStart(2, '0');
  const dd = String(p.d).padStart(2, '0');
  const mon = EN_MONTHS[p.m - 1] as string;
  const yy = String(p.y).slice(2);
  const common: [string, number][] = [
    [`${p.y}-${mm}-${dd}`, 5],
    [`${p.y}/${mm}/${dd}`, 2],
    [`${dd}/${mm}/${p.y}`, 2],
    [`${mm}/${dd}/${p.y}`, 1],
    [`${p.d}/${p.m}/${p.y}`, 1],
    [`${dd}.${mm}.${p.y}`, 1],
    [`${p.y}.${p.m}.${p.d}`, 1],
    [`${p.y}${mm}${dd}`, 1],
  ];
  if (lang === 'zh') {
    return v(
      r.weighted<string>([
        ...common,
        [`${p.y}年${p.m}月${p.d}日`, 6],
        [`${p.m}月${p.d}日`, 4],
        [`${p.y}年${mm}月${dd}日`, 1],
        [`${p.y}年${p.m}月${p.d}号`, 1],
        [`${p.m}月${p.d}号`, 1],
      ]),
    );
  }
  return v(
    r.weighted<string>([
      ...common,
      [`${p.d} ${mon} ${p.y}`, 4],
      [`${mon} ${p.d}, ${p.y}`, 2],
      [`${EN_MONTHS_LONG[p.m - 1]} ${p.d}, ${p.y}`, 1],
      [`${p.d} ${EN_MONTHS_LONG[p.m - 1]} ${p.y}`, 1],
      [`${dd}-${mon}-${yy}`, 1],
      [`${dd}${mon.toUpperCase()}${yy}`, 1],
      [`${mon} ${p.d}`, 1],
      [`${p.d}-${mon}`, 1],
      [`${ordinal(p.d)} ${EN_MONTHS_LONG[p.m - 1]} ${p.y}`, 1],
      [`${r.pick(WEEKDAYS)} ${p.d} ${EN_MONTHS_LONG[p.m - 1]} ${p.y}`, 1],
      [`${r.pick(WEEKDAYS).slice(0, 3)}, ${mon} ${p.d}`, 1],
    ]),
  );
}

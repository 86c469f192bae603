import type { Progress } from '../domain';
import { type Rgb, type Shape, disc, rasterise, rect, ring } from './png';

const DONE: Rgb = [160, 196, 248];
const CURRENT: Rgb = [91, 95, 199];
const TODO: Rgb = [225, 225, 225];
const CLIENT: Rgb = [64, 64, 64];
const FINISHED: Rgb = [107, 183, 0];
const CRISIS: Rgb = [196, 49, 75];

export interface Picture {
  /** `data:image/png;base64,…`, small enough for a card (a few KB). */
  readonly dataUri: string;
  /** The file name under which the bot serves the same picture (`zorgkantoor-4-3-0-0.png`). */
  readonly file: string;
  readonly png: Buffer;
  readonly altText: string;
  /** Display width for the card. */
  readonly width: string;
}

// Keyed by the few dozen possible progress states (route, phase, sub-step, finished, crisis): bounded by the domain, no eviction needed.
const cache = new Map<string, Picture>();

const colourFor = (index: number, current: number, finished: boolean, crisis: boolean): Rgb => {
  if (crisis && index === current) return CRISIS;
  if (finished) return index <= current ? FINISHED : TODO;
  if (index < current) return DONE;
  return index === current ? CURRENT : TODO;
};

/**
 * The four circles of the Menzis model around the client; circle 4 shows its 7 sub-steps as dots.
 * Drawn at its display size (96 px): at twice that the PNG alone would take ~7 KB of the status
 * card's 8 KB budget; at 96 px it is ~2.3 KB.
 */
const CIRCLES_SIZE = 96;
const circles = (p: Progress, crisis: boolean): Shape[] => {
  const k = CIRCLES_SIZE / 192;
  const c = CIRCLES_SIZE / 2;
  const shapes: Shape[] = [];
  const radii = [34, 52, 70, 88].map((r) => r * k);
  for (let i = 4; i >= 1; i--) {
    shapes.push(disc(c, c, radii[i - 1] ?? 0, [255, 255, 255]));
    shapes.push(ring(c, c, (radii[i - 1] ?? 0) - 12 * k, radii[i - 1] ?? 0, colourFor(i, p.phase, p.finished, crisis)));
  }
  shapes.push(disc(c, c, 14 * k, CLIENT));
  if (p.phase === 4 && p.subStep) {
    for (let s = 1; s <= 7; s++) {
      const angle = Math.PI * (1.25 + (s - 1) * (0.5 / 6));
      shapes.push(
        disc(c + Math.cos(angle) * 82 * k, c + Math.sin(angle) * 82 * k, 5 * k + 0.5, s <= p.subStep ? [255, 255, 255] : [120, 120, 160]),
      );
    }
  }
  return shapes;
};

/** The seven Siem steps as connected dots. */
const steps = (p: Progress, crisis: boolean): Shape[] => {
  const w = 336;
  const h = 64;
  const shapes: Shape[] = [rect(24, h / 2 - 3, w - 24, h / 2 + 3, TODO)];
  for (let i = 1; i <= 7; i++) {
    const x = 24 + ((i - 1) * (w - 48)) / 6;
    shapes.push(disc(x, h / 2, 18, colourFor(i, p.phase, p.finished, crisis)));
    if (i === p.phase && !p.finished) shapes.push(ring(x, h / 2, 20, 24, CURRENT));
  }
  return shapes;
};

/** A picture of where the case stands, or `null` before a route is chosen. */
export const progressPicture = (p: Progress, crisis: boolean): Picture | null => {
  if (!p.route || p.phase === 0) return null;
  const key = `${p.route}:${p.phase}:${p.subStep ?? 0}:${p.finished}:${crisis}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const zorgkantoor = p.route === 'zorgkantoor';
  const png = zorgkantoor ? rasterise(CIRCLES_SIZE, CIRCLES_SIZE, circles(p, crisis)) : rasterise(336, 64, steps(p, crisis));
  const where = zorgkantoor ? `Cirkel ${p.phase} van 4${p.subStep ? `, stap ${p.subStep} van 7` : ''}` : `Stap ${p.phase} van 7`;
  const picture: Picture = {
    dataUri: `data:image/png;base64,${png.toString('base64')}`,
    file: `${p.route}-${p.phase}-${p.subStep ?? 0}-${p.finished ? 1 : 0}-${crisis ? 1 : 0}.png`,
    png,
    altText: `${where}${p.finished ? ' (afgerond)' : ''}${crisis ? ' (crisis)' : ''}`,
    width: zorgkantoor ? '96px' : '168px',
  };
  cache.set(key, picture);
  return picture;
};

const FILE = /^(zorgkantoor|bijstellen)-([1-7])-([0-7])-([01])-([01])\.png$/;

/**
 * The picture a file name from {@link Picture.file} stands for, or `null` for any other name (the
 * bot serves these by URL, so cards need not carry them as data). Nothing in it is about a client.
 */
export const pictureFile = (name: string): Buffer | null => {
  const m = FILE.exec(name);
  if (!m) return null;
  const route = m[1] as 'zorgkantoor' | 'bijstellen';
  const phase = Number(m[2]);
  const subStep = Number(m[3]);
  const zorgkantoor = route === 'zorgkantoor';
  if ((zorgkantoor && phase > 4) || (subStep > 0 && !(zorgkantoor && phase === 4))) return null;
  const picture = progressPicture(
    {
      route,
      phase,
      phases: zorgkantoor ? 4 : 7,
      phaseLabel: null,
      subStep: subStep || null,
      subSteps: zorgkantoor && phase === 4 ? 7 : null,
      stateLabel: '',
      finished: m[4] === '1',
    },
    m[5] === '1',
  );
  return picture?.file === name ? picture.png : null;
};

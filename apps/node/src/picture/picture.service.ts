import { Injectable } from '@nestjs/common';
import type { Clearance } from '#access';
import { RegistryIndex } from '#registry';
import type { Principal } from '../access/principal.js';
import { Clock } from '../common/clock.js';
import { UnknownSectionError } from '../common/common.errors.js';
import { HeldMessages } from '../held/held-messages.service.js';
import {
  PICTURE_WINDOWS,
  sectionFigures,
  sectionImpact,
  type PictureSource,
  type PictureWindow,
  type SectionImpact,
  type WindowFigures,
} from './section-figures.js';
import { SectionIndexRepository } from '../indexes/section-index.repository.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const LONGEST_WINDOW_DAYS = Math.max(...Object.values(PICTURE_WINDOWS));

/** The situation of one border section as this node sees it. */
export interface SectionPicture {
  id: string;
  name: string;
  countries: string[];
  regions: string[];
  /** The current impact level, when anything this reader may see set one. */
  impact?: SectionImpact;
  windows: Record<PictureWindow, WindowFigures>;
}

/**
 * The situational picture per border section, built by this node from what it received and sent:
 * figures count only the messages the reader's clearance admits, so nobody learns from a total what
 * they may not read.
 */
@Injectable()
export class PictureService {
  constructor(
    private readonly registry: RegistryIndex,
    private readonly index: SectionIndexRepository,
    private readonly held: HeldMessages,
    private readonly clock: Clock,
  ) {}

  /** Every section of the registry, in registry order. */
  async all(reader: Principal): Promise<SectionPicture[]> {
    const now = this.clock.now();
    return Promise.all(
      this.registry.borderSections().map((section) => this.picture(section.id, reader.clearance, now)),
    );
  }

  /**
   * One section.
   * @throws UnknownSectionError when the registry has no such section.
   */
  section(id: string, reader: Principal): Promise<SectionPicture> {
    return this.picture(id, reader.clearance, this.clock.now());
  }

  private async picture(id: string, clearance: Clearance, now: Date): Promise<SectionPicture> {
    const section = this.registry.borderSections().find((known) => known.id === id);
    if (section === undefined) throw new UnknownSectionError(id);
    const since = new Date(now.getTime() - LONGEST_WINDOW_DAYS * DAY_MS);
    const [alerts, impacts] = await Promise.all([this.index.alerts(id, since), this.index.impacts(id)]);
    const sources = await this.sources([...alerts, ...impacts], clearance);
    const impact = sectionImpact(sources, id);
    return {
      id,
      name: section.name,
      countries: section.countries,
      regions: section.regions,
      ...(impact === undefined ? {} : { impact }),
      windows: sectionFigures(sources, id, now),
    };
  }

  // Each message as received (with its state) or as this node sent it, if the clearance admits it.
  private async sources(ids: readonly string[], clearance: Clearance): Promise<PictureSource[]> {
    return (await this.held.read(ids, clearance)).map(({ id, kind, sender, message, state }) => ({
      id,
      kind,
      sender,
      message,
      ...(state === undefined ? {} : { state }),
    }));
  }
}

import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CENTRAL_ASIA_BOUNDS,
  type MapArea,
  type MapCrossing,
  type MapMarker,
  type MapSection,
} from './map-layers';
import { markerStackOffsets } from './marker-stack';
import { countryShapes, loadCountries, sharedBorder } from './world-countries';

type Countries = Awaited<ReturnType<typeof loadCountries>>;

export interface BaseMapProps {
  /** What the map shows, for screen readers (the page lists the same facts in text). */
  label: string;
  sections?: readonly MapSection[];
  crossings?: readonly MapCrossing[];
  areas?: readonly MapArea[];
  markers?: readonly MapMarker[];
  /** Called with a section's id when it is clicked. */
  onSectionSelect?: (id: string) => void;
  /** CSS height of the map; Leaflet needs one. */
  height?: string;
  /** Open on the overlays rather than the whole of Central Asia. */
  fitToOverlays?: boolean;
  /**
   * Open on the markers once they are first given, never closer than a country (a lone marker); later
   * markers (a refresh) leave the view where the person put it.
   */
  fitToMarkers?: boolean;
  /** Shows the label under the map as its caption, rather than only naming the map with it. */
  captioned?: boolean;
  /** A class on the figure besides `bl-map`, for the page's own layout. */
  className?: string;
}

const DEFAULT_MARKER_SIZE = 20;
// Between two markers stacked at one point, beyond the taller icon.
const MARKER_GAP_PX = 2;

const COUNTRY_STYLE: L.PathOptions = {
  color: '#6b6b6b',
  weight: 0.8,
  fillColor: '#f1efe8',
  fillOpacity: 1,
};

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// One image to assistive technology, named by the label; the icon and the text inside are its look.
function markerHtml(marker: MapMarker): string {
  const text =
    marker.text === undefined ? '' : `<span class="bl-map-marker-text">${escapeHtml(marker.text)}</span>`;
  return `<span class="bl-map-marker-body" role="img" aria-label="${escapeHtml(marker.label)}">${marker.iconHtml}${text}</span>`;
}

/**
 * A Leaflet map of Central Asia without tiles (the machines reach no tile server): Natural Earth's
 * countries as the base, border sections as their countries' shared border in the given colour,
 * crossing points as small circles, alert areas as polygons, circles or points, markers (an icon and
 * a text; those at one point stacked around it). Leaflet is driven directly: each overlay kind is a
 * layer group rebuilt when its prop changes.
 */
export function BaseMap(props: BaseMapProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  const [countries, setCountries] = useState<Countries | null>(null);
  const [failed, setFailed] = useState(false);
  const fittedToMarkers = useRef(false);

  useEffect(() => {
    if (container.current === null) return;
    const created = L.map(container.current, {
      zoomControl: false,
      attributionControl: false,
      zoomSnap: 0.1,
      minZoom: 2,
      maxZoom: 12,
    });
    created.fitBounds(L.latLngBounds(CENTRAL_ASIA_BOUNDS.map(([lat, lon]) => L.latLng(lat, lon))), {
      animate: false,
    });
    setMap(created);
    return () => {
      created.remove();
      setMap(null);
    };
  }, []);

  // The zoom buttons speak the page's language.
  useEffect(() => {
    if (map === null) return;
    const zoom = L.control.zoom({ zoomInTitle: t('web.map.zoomIn'), zoomOutTitle: t('web.map.zoomOut') });
    zoom.addTo(map);
    return () => void zoom.remove();
  }, [map, t]);

  useEffect(() => {
    let live = true;
    loadCountries().then(
      (loaded) => live && setCountries(loaded),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (map === null || countries === null) return;
    const layer = L.geoJSON(countryShapes(countries), { style: COUNTRY_STYLE, interactive: false }).addTo(
      map,
    );
    layer.bringToBack();
    return () => void layer.remove();
  }, [map, countries]);

  const { sections, crossings, areas, markers, onSectionSelect, fitToOverlays, fitToMarkers } = props;

  useEffect(() => {
    if (map === null || countries === null || sections === undefined) return;
    const group = L.featureGroup().addTo(map);
    for (const section of sections) {
      const line = L.geoJSON(sharedBorder(countries, section.countries[0], section.countries[1]), {
        style: { color: section.colour, weight: 5, opacity: 0.9 },
      });
      line.bindTooltip(t('web.map.section', { name: section.name }), { sticky: true });
      if (onSectionSelect !== undefined) line.on('click', () => onSectionSelect(section.id));
      group.addLayer(line);
    }
    return () => void group.remove();
  }, [map, countries, sections, onSectionSelect, t]);

  useEffect(() => {
    if (map === null || crossings === undefined) return;
    const group = L.featureGroup().addTo(map);
    for (const crossing of crossings) {
      L.circleMarker([crossing.lat, crossing.lon], {
        radius: 4,
        color: '#1f3b73',
        weight: 1.5,
        fillColor: '#ffffff',
        fillOpacity: 1,
      })
        .bindTooltip(t('web.map.crossing', { name: crossing.name }))
        .addTo(group);
    }
    return () => void group.remove();
  }, [map, crossings, t]);

  useEffect(() => {
    if (map === null || areas === undefined) return;
    const group = L.featureGroup().addTo(map);
    for (const area of areas) {
      const style = { color: area.colour, weight: 2, fillColor: area.colour, fillOpacity: 0.25 };
      const shape =
        area.kind === 'polygon'
          ? L.polygon(
              area.points.map((point) => L.latLng(point.lat, point.lon)),
              style,
            )
          : area.kind === 'circle'
            ? L.circle([area.centre.lat, area.centre.lon], { ...style, radius: area.radiusKm * 1000 })
            : L.circleMarker([area.at.lat, area.at.lon], { ...style, radius: 7, fillOpacity: 0.8 });
      shape.bindTooltip(area.label).addTo(group);
    }
    if (fitToOverlays === true && areas.length > 0) {
      // Not animated: a page left mid-animation would leave Leaflet moving a removed map.
      map.fitBounds(group.getBounds().pad(0.5), { maxZoom: 7, animate: false });
    }
    return () => void group.remove();
  }, [map, areas, fitToOverlays]);

  useEffect(() => {
    if (map === null || markers === undefined) return;
    const group = L.featureGroup().addTo(map);
    const sizeOf = (marker: MapMarker): number => marker.size ?? DEFAULT_MARKER_SIZE;
    const offsets = markerStackOffsets(
      markers,
      Math.max(DEFAULT_MARKER_SIZE, ...markers.map(sizeOf)) + MARKER_GAP_PX,
    );
    for (const marker of markers) {
      const size = sizeOf(marker);
      L.marker([marker.lat, marker.lon], {
        interactive: false,
        keyboard: false,
        icon: L.divIcon({
          className: ['bl-map-marker', marker.className].filter(Boolean).join(' '),
          html: markerHtml(marker),
          // Sized by its content (icon and text); anchored at the icon's centre, moved down its offset.
          iconSize: undefined,
          iconAnchor: [size / 2, size / 2 - (offsets.get(marker.id) ?? 0)],
        }),
      }).addTo(group);
    }
    if (fitToMarkers === true && !fittedToMarkers.current && markers.length > 0) {
      fittedToMarkers.current = true;
      map.fitBounds(group.getBounds().pad(0.35), { maxZoom: 6, animate: false });
    }
    return () => void group.remove();
  }, [map, markers, fitToMarkers]);

  const loading = countries === null ? t(failed ? 'web.map.failed' : 'web.map.loading') : undefined;
  return (
    <figure
      className={['bl-map', props.className].filter(Boolean).join(' ')}
      aria-label={props.captioned === true ? undefined : props.label}
    >
      <div
        ref={container}
        className="bl-map-canvas"
        style={{ height: props.height ?? '420px', background: '#cfe3f0' }}
      />
      {props.captioned === true ? (
        <figcaption>
          {props.label}
          {loading !== undefined && <span role="status"> {loading}</span>}
        </figcaption>
      ) : (
        loading !== undefined && <figcaption role="status">{loading}</figcaption>
      )}
    </figure>
  );
}

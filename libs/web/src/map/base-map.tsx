import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CENTRAL_ASIA_BOUNDS, type MapArea, type MapCrossing, type MapSection } from './map-layers';
import { countryShapes, loadCountries, sharedBorder } from './world-countries';

type Countries = Awaited<ReturnType<typeof loadCountries>>;

export interface BaseMapProps {
  /** What the map shows, for screen readers (the page lists the same facts in text). */
  label: string;
  sections?: readonly MapSection[];
  crossings?: readonly MapCrossing[];
  areas?: readonly MapArea[];
  /** Called with a section's id when it is clicked. */
  onSectionSelect?: (id: string) => void;
  /** CSS height of the map; Leaflet needs one. */
  height?: string;
  /** Open on the overlays rather than the whole of Central Asia. */
  fitToOverlays?: boolean;
}

const COUNTRY_STYLE: L.PathOptions = {
  color: '#6b6b6b',
  weight: 0.8,
  fillColor: '#f1efe8',
  fillOpacity: 1,
};

/**
 * A Leaflet map of Central Asia without tiles (the machines reach no tile server): Natural Earth's
 * countries as the base, border sections as their countries' shared border in the given colour,
 * crossing points as small circles, alert areas as polygons, circles or points. Leaflet is driven
 * directly: each overlay kind is a layer group rebuilt when its prop changes.
 */
export function BaseMap(props: BaseMapProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  const [countries, setCountries] = useState<Countries | null>(null);
  const [failed, setFailed] = useState(false);

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

  const { sections, crossings, areas, onSectionSelect, fitToOverlays } = props;

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

  return (
    <figure className="bl-map" aria-label={props.label}>
      <div
        ref={container}
        className="bl-map-canvas"
        style={{ height: props.height ?? '420px', background: '#cfe3f0' }}
      />
      {countries === null && (
        <figcaption role="status">{failed ? t('web.map.failed') : t('web.map.loading')}</figcaption>
      )}
    </figure>
  );
}

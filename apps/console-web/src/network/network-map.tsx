import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CENTRAL_ASIA_BOUNDS } from '../../../../libs/web/src/map/map-layers';
import { countryShapes, loadCountries } from '../../../../libs/web/src/map/world-countries';
import type { NetworkNode } from '../api/network';
import { markerSvg, presenceStatus } from './presence-look';

type Countries = Awaited<ReturnType<typeof loadCountries>>;

const COUNTRY_STYLE: L.PathOptions = { color: '#6b6b6b', weight: 0.8, fillColor: '#f1efe8', fillOpacity: 1 };

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The nodes on libs/web's tile-less map of Central Asia, each a marker whose colour and shape say its
 * status, labelled with its id. The markers are not interactive: the table beside says the same in
 * text. Opens on Central Asia, then on the nodes once known, and leaves the view alone afterwards.
 */
export function NetworkMap(props: { nodes: readonly NetworkNode[]; label: string }) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  const [countries, setCountries] = useState<Countries | null>(null);
  const [failed, setFailed] = useState(false);
  const fitted = useRef(false);

  useEffect(() => {
    if (container.current === null) return;
    const created = L.map(container.current, {
      zoomControl: false,
      attributionControl: false,
      zoomSnap: 0.25,
      minZoom: 2,
      maxZoom: 12,
    });
    created.fitBounds(L.latLngBounds(CENTRAL_ASIA_BOUNDS.map(([lat, lon]) => L.latLng(lat, lon))));
    setMap(created);
    return () => {
      created.remove();
      setMap(null);
    };
  }, []);

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

  const { nodes } = props;
  useEffect(() => {
    if (map === null) return;
    const group = L.featureGroup().addTo(map);
    for (const node of nodes) {
      if (node.location === undefined) continue;
      const status = presenceStatus(node.status);
      L.marker(L.latLng(node.location.lat, node.location.lon), {
        interactive: false,
        keyboard: false,
        icon: L.divIcon({
          className: `node-marker node-marker-${status}`,
          html: `${markerSvg(status, 20)}<span class="node-marker-label">${escapeHtml(node.id)}</span>`,
          iconSize: undefined,
          iconAnchor: [10, 10],
        }),
      }).addTo(group);
    }
    // Once, on the first nodes: around them, never closer than a country (a lone node).
    if (!fitted.current && group.getLayers().length > 0) {
      fitted.current = true;
      map.fitBounds(group.getBounds().pad(0.35), { maxZoom: 6 });
    }
    return () => void group.remove();
  }, [map, nodes]);

  return (
    <figure className="bl-map network-map">
      <div ref={container} className="bl-map-canvas" style={{ height: '420px', background: '#cfe3f0' }} />
      <figcaption>
        {props.label}
        {countries === null && (
          <span role="status"> {failed ? t('web.map.failed') : t('web.map.loading')}</span>
        )}
      </figcaption>
    </figure>
  );
}

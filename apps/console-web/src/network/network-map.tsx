import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { BaseMap } from '../../../../libs/web/src/map/base-map';
import type { MapMarker } from '../../../../libs/web/src/map/map-layers';
import type { NetworkNode } from '../api/network';
import { markerSvg, presenceStatus } from './presence-look';

const MARKER_SIZE = 20;

/**
 * The nodes on libs/web's tile-less map of Central Asia, each a marker whose colour and shape say its
 * status, labelled with its id; the agencies of one country, placed alike, stacked around their point.
 * The markers are not interactive: the table beside says the same in text. Opens on Central Asia,
 * then on the nodes once known, and leaves the view alone afterwards.
 */
export function NetworkMap(props: { nodes: readonly NetworkNode[]; label: string }) {
  const { t } = useTranslation();
  const { nodes } = props;
  const markers = useMemo(
    () =>
      nodes.flatMap((node): MapMarker[] => {
        if (node.location === undefined) return [];
        const status = presenceStatus(node.status);
        return [
          {
            id: node.id,
            lat: node.location.lat,
            lon: node.location.lon,
            iconHtml: markerSvg(status, MARKER_SIZE),
            size: MARKER_SIZE,
            text: node.id,
            label: t('console.network.markerLabel', {
              node: node.id,
              status: t(`console.network.status.${status}`),
            }),
            className: `node-marker-${status}`,
          },
        ];
      }),
    [nodes, t],
  );
  return <BaseMap label={props.label} markers={markers} fitToMarkers captioned className="network-map" />;
}

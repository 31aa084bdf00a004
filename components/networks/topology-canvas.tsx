'use client';
import { Background, Controls, MiniMap, ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';

/** The topology's graph (loaded lazily by topology-view.tsx); a node's click opens its resource's page. */
export default function TopologyCanvas({
  nodes,
  edges,
  onOpen,
}: {
  nodes: Node[];
  edges: Edge[];
  onOpen: (href: string) => void;
}) {
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      fitView
      minZoom={0.05}
      onlyRenderVisibleElements
      nodesDraggable={false}
      nodesConnectable={false}
      onNodeClick={(_, node) => onOpen(String(node.data.href))}
      proOptions={{ hideAttribution: true }}
    >
      <Background />
      <Controls showInteractive={false} />
      <MiniMap pannable zoomable nodeColor={(n) => String(n.style?.background ?? '#fff')} />
    </ReactFlow>
  );
}

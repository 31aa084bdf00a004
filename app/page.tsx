export default function Home() {
  return <main className="p-8">云图 Yuntu</main>;
}
